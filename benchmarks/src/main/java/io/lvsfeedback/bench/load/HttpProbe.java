package io.lvsfeedback.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 GET on a new connection ({@code Connection: close}), so that IPVS schedules every
 * request afresh, as it does per connection. Returns the status and the server named in the body.
 */
final class HttpProbe {
    private static final int MAX_BODY = 8192;

    private final InetSocketAddress target;
    private final byte[] request;
    private final int timeoutMillis;

    /** A request that fails took at most this long (connect, then each read). */
    int timeoutMillis() {
        return timeoutMillis;
    }

    HttpProbe(InetSocketAddress target, String path, int timeoutMillis) {
        this.target = target;
        this.timeoutMillis = timeoutMillis;
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + target.getHostString()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    Answer get() throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            s.connect(target, timeoutMillis);
            s.getOutputStream().write(request);
            String text = readAll(s.getInputStream());
            return Answer.parse(text);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        byte[] buf = new byte[2048];
        int n;
        while ((n = in.read(buf)) >= 0 && out.size() < MAX_BODY) {
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** Status code (0 when unparsable) and the {@code server=NAME} of the sample's answer, or "?". */
    record Answer(int status, String server) {
        static Answer parse(String text) {
            int status = 0;
            if (text.startsWith("HTTP/1.") && text.length() >= 12) {
                try {
                    status = Integer.parseInt(text.substring(9, 12));
                } catch (NumberFormatException ignored) {
                    status = 0;
                }
            }
            String server = "?";
            int at = text.indexOf("server=");
            if (at >= 0) {
                int end = at + 7;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                server = text.substring(at + 7, end);
            }
            return new Answer(status, server);
        }
    }
}
