package io.lvsfeedback.agent.server;

import io.lvsfeedback.agent.AgentLog;
import io.lvsfeedback.model.protocol.AgentCheckLine;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.ProtocolException;
import io.lvsfeedback.model.protocol.ReportCodec;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One connection on the feedback port: decide which protocol the client speaks, answer, close. A
 * silent client (HAProxy without agent-send) gets the agent-check line after the request wait; a
 * client whose first bytes cannot start {@code LVSFB/1} gets it at once; an
 * {@code LVSFB/1 REPORT <nonce>} line gets the signed report. Anything else is closed unanswered.
 *
 * <p>A bridge whose request arrives after the request wait (a slow network, a busy director) was
 * taken for a silent HAProxy: after the agent-check line the connection stays open for the read
 * timeout, and a report request arriving then still gets the signed report, as a second line.
 * HAProxy reads its one line and closes, which ends the wait.
 */
final class FeedbackExchange implements Runnable {
    private static final AgentLog LOG = AgentLog.of(FeedbackExchange.class);
    private static final String MAGIC = ReportCodec.MAGIC;

    private final Socket client;
    private final Supplier<FeedbackReport> reports;
    private final SharedSecret secret;
    private final Duration requestWait;
    private final Duration readTimeout;

    FeedbackExchange(Socket client, Supplier<FeedbackReport> reports, SharedSecret secret, Duration requestWait,
            Duration readTimeout) {
        this.client = client;
        this.reports = reports;
        this.secret = secret;
        this.requestWait = requestWait;
        this.readTimeout = readTimeout;
    }

    @Override
    public void run() {
        try (Socket s = client) {
            String reply = answer(s);
            if (reply != null) {
                OutputStream out = s.getOutputStream();
                out.write(reply.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                s.shutdownOutput();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("feedback connection from " + client.getRemoteSocketAddress() + " ended: " + e);
        }
    }

    /** The reply line, or null to close without one (or with only the agent-check line already sent). */
    private String answer(Socket s) throws IOException {
        if (requestWait.isZero()) {
            return agentCheckLine();
        }
        InputStream in = s.getInputStream();
        s.setSoTimeout(Math.toIntExact(requestWait.toMillis()));
        boolean checkLineSent = false;
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException e) {
            // HAProxy without agent-send sends nothing; or a bridge whose request is late.
            OutputStream out = s.getOutputStream();
            out.write(agentCheckLine().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            checkLineSent = true;
            s.setSoTimeout(Math.toIntExact(Math.max(1, readTimeout.toMillis())));
            try {
                first = in.read();
            } catch (SocketTimeoutException late) {
                return null;
            }
        }
        if (first < 0) {
            return null; // closed its side: nobody (more) to answer
        }
        String request = readRequestLine(s, in, first);
        if (request == null) {
            return null;
        }
        if (!ReportCodec.isReportRequest(request)) {
            // HAProxy's agent-send string (or an empty line); once answered, nothing more to say.
            return checkLineSent ? null : agentCheckLine();
        }
        try {
            String nonce = ReportCodec.parseRequest(request);
            return ReportCodec.encodeReply(reports.get(), nonce, secret);
        } catch (ProtocolException e) {
            LOG.debug("bad request from " + s.getRemoteSocketAddress() + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * The request line starting with {@code first}, within the read timeout; "" stands for bytes
     * that cannot start {@code LVSFB/1} (answered at once, without waiting for a line end); null
     * for a line too long or too slow.
     */
    private String readRequestLine(Socket s, InputStream in, int first) throws IOException {
        long deadline = System.nanoTime() + readTimeout.toNanos();
        byte[] line = new byte[ReportCodec.MAX_REQUEST_BYTES];
        int length = 0;
        int b = first;
        while (b != '\n' && b >= 0) {
            if (length == line.length) {
                return null; // longer than any request: not ours to answer
            }
            line[length++] = (byte) b;
            if (!couldBeReportRequest(line, length)) {
                return ""; // HAProxy's agent-send string: answer at once
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            s.setSoTimeout((int) Math.max(1, left / 1_000_000));
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                return null; // a slow client: drop it
            }
        }
        return new String(line, 0, length, StandardCharsets.US_ASCII);
    }

    /** While the bytes so far are a prefix of "LVSFB/1" (or start with it), wait for the line. */
    static boolean couldBeReportRequest(byte[] bytes, int length) {
        int n = Math.min(length, MAGIC.length());
        for (int i = 0; i < n; i++) {
            if (bytes[i] != MAGIC.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String agentCheckLine() {
        return AgentCheckLine.format(reports.get());
    }
}
