package io.lvsfeedback.samples.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP request from a fixed local port, so the 5-tuple is the same each time: {@code mh} with
 * the {@code mh-port} flag hashes source address and port, and must send it to one real server
 * through either director.
 */
final class FixedPortClient {
    private FixedPortClient() {}

    /** The {@code server=NAME} the sample app answers on {@code /}, or "failed: ..." */
    static String whoAnswers(InetSocketAddress target, int localPort, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(localPort));
            s.connect(target, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + target.getHostString()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = readAll(s.getInputStream());
            int at = response.indexOf("server=");
            if (at < 0) {
                return "failed: no server= in " + response.lines().findFirst().orElse("(empty)");
            }
            return response.substring(at + 7).lines().findFirst().orElse("").trim();
        } catch (IOException e) {
            return "failed: " + e;
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) > 0 && out.size() < 65536) {
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
