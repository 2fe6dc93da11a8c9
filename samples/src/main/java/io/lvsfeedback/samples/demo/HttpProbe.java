package io.lvsfeedback.samples.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 GET over a fresh TCP connection ({@code Connection: close}): IPVS schedules
 * connections, not requests, so a kept-alive connection would stick to one real server.
 */
public final class HttpProbe {

    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final InetSocketAddress target;
    private final String path;
    private final int timeoutMillis;

    public HttpProbe(InetSocketAddress target, String path, int timeoutMillis) {
        this.target = target;
        this.path = path;
        this.timeoutMillis = timeoutMillis;
    }

    /** Never throws: a failed request is a record with status 0 and no server. */
    public RequestRecord send(long runStartNanos) {
        long start = System.nanoTime();
        int status = 0;
        String server = null;
        try (Socket socket = new Socket()) {
            socket.connect(target, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + target.getHostString() + "\r\n"
                    + "Connection: close\r\nUser-Agent: lvs-demo\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readAll(socket.getInputStream());
            status = statusOf(response);
            server = serverOf(response);
        } catch (IOException | RuntimeException e) {
            status = 0;
        }
        long end = System.nanoTime();
        return new RequestRecord((start - runStartNanos) / 1_000_000, server, status, (end - start) / 1e6);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0 && bytes.size() < MAX_RESPONSE_BYTES) {
            bytes.write(buffer, 0, n);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The status code of {@code HTTP/1.1 200 OK}, or 0 when the response has no status line. */
    static int statusOf(String response) {
        if (!response.startsWith("HTTP/1.")) {
            return 0;
        }
        int space = response.indexOf(' ');
        if (space < 0 || response.length() < space + 4) {
            return 0;
        }
        try {
            return Integer.parseInt(response.substring(space + 1, space + 4));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The {@code server=NAME} the sample application puts at the start of its body, or null. */
    static String serverOf(String response) {
        int body = response.indexOf("\r\n\r\n");
        if (body < 0) {
            return null;
        }
        String text = response.substring(body + 4);
        if (!text.startsWith("server=")) {
            return null;
        }
        int end = 7;
        while (end < text.length() && text.charAt(end) > ' ') {
            end++;
        }
        return end > 7 ? text.substring(7, end) : null;
    }
}
