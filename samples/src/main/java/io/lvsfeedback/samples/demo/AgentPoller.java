package io.lvsfeedback.samples.demo;

import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Nonce;
import io.lvsfeedback.model.protocol.ProtocolException;
import io.lvsfeedback.model.protocol.ReportCodec;
import io.lvsfeedback.model.protocol.SharedSecret;
import io.lvsfeedback.model.protocol.Signals;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads one agent's full report (LVSFB/1, authenticated when a secret is given), as the bridge does. */
public final class AgentPoller {

    private final SharedSecret secret;
    private final int timeoutMillis;

    /** @param secret the agents' shared key, or null to accept unsigned reports */
    public AgentPoller(SharedSecret secret, int timeoutMillis) {
        this.secret = secret;
        this.timeoutMillis = timeoutMillis;
    }

    /** Never throws: an agent that cannot be read is {@link AgentView#UNREACHABLE}. */
    public AgentView poll(InetSocketAddress agent) {
        try (Socket socket = new Socket()) {
            socket.connect(agent, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            String nonce = Nonce.next();
            socket.getOutputStream().write(ReportCodec.encodeRequest(nonce).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String line = readLine(in);
            if (!line.startsWith(ReportCodec.MAGIC)) {
                line = readLine(in); // the agent-check line of a late request; the report follows
            }
            FeedbackReport report = ReportCodec.decodeReply(line, nonce, secret, secret == null).report();
            return new AgentView(report.state().name().toLowerCase(Locale.ROOT), report.weightPercent(),
                    report.signal(Signals.REQUESTS_PER_SECOND), report.signal(Signals.LATENCY_P99_MS),
                    report.signal(Signals.CPU_PROCESS), report.signal(Signals.POOL_BUSY),
                    report.signal(Signals.UTILIZATION), report.signal(Signals.CONCURRENCY),
                    report.signal(Signals.POOL_MAX), report.signal(Signals.CAPACITY));
        } catch (IOException | ProtocolException | RuntimeException e) {
            return AgentView.UNREACHABLE;
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
