package io.lvsfeedback.model.protocol;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One blocking LVSFB/1 poll of one agent, for tools that read a few agents (the demo's table, the
 * benchmarks' watcher); the bridge has its own non-blocking poller. A reply that starts with the
 * agent-check line (the request reached the agent after its request wait) is read on to the report
 * that follows it.
 */
public final class ReportClient {
    private ReportClient() {
    }

    /**
     * @param secret the shared key, or null to accept unsigned reports
     * @throws IOException when the agent cannot be reached or does not answer in time
     * @throws ProtocolException for a malformed, unsigned (with a key) or forged reply
     */
    public static VerifiedReport poll(InetSocketAddress agent, SharedSecret secret, int timeoutMillis)
            throws IOException, ProtocolException {
        try (Socket socket = new Socket()) {
            socket.connect(agent, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            String nonce = Nonce.next();
            socket.getOutputStream().write(ReportCodec.encodeRequest(nonce).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String line = readLine(in);
            if (!line.startsWith(ReportCodec.MAGIC + " ")) {
                line = readLine(in); // the agent-check line of a late request; the report follows
            }
            return ReportCodec.decodeReply(line, nonce, secret, secret == null);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (bytes.size() > ReportCodec.MAX_REPLY_BYTES) {
                throw new IOException("reply longer than " + ReportCodec.MAX_REPLY_BYTES + " bytes");
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
