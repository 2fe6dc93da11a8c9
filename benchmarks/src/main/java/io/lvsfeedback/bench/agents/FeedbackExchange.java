package io.lvsfeedback.bench.agents;

import io.lvsfeedback.model.protocol.AgentCheckLine;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.ProtocolException;
import io.lvsfeedback.model.protocol.ReportCodec;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One request and one reply on an accepted connection, as docs/PROTOCOL.md specifies: an LVSFB/1
 * request gets the signed report, anything else (or silence) the HAProxy agent-check line.
 */
final class FeedbackExchange {
    private static final int READ_TIMEOUT_MS = 1000;

    private final SharedSecret secret;

    FeedbackExchange(SharedSecret secret) {
        this.secret = secret;
    }

    /** Serves the connection and closes it; returns what kind of reply was sent. */
    Outcome serve(Socket socket, SyntheticAgent agent) throws IOException {
        try (socket) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            String request = readLine(new BufferedInputStream(socket.getInputStream(), 512));
            FeedbackReport report = agent.nextReport();
            String reply;
            Outcome outcome;
            if (request != null && ReportCodec.isReportRequest(request)) {
                try {
                    reply = ReportCodec.encodeReply(report, ReportCodec.parseRequest(request), secret);
                    outcome = Outcome.REPORT;
                } catch (ProtocolException e) {
                    return Outcome.BAD_REQUEST;
                }
            } else {
                reply = AgentCheckLine.format(report);
                outcome = Outcome.AGENT_CHECK;
            }
            OutputStream out = socket.getOutputStream();
            out.write(reply.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return outcome;
        }
    }

    /** The request line without its end, or null when the client sent nothing in time. */
    private static String readLine(InputStream in) throws IOException {
        byte[] buf = new byte[ReportCodec.MAX_REQUEST_BYTES];
        int n = 0;
        try {
            while (n < buf.length) {
                int b = in.read();
                if (b < 0 || b == '\n') {
                    break;
                }
                buf[n++] = (byte) b;
            }
        } catch (SocketTimeoutException e) {
            if (n == 0) {
                return null;
            }
        }
        return new String(buf, 0, n, StandardCharsets.US_ASCII);
    }

    enum Outcome { REPORT, AGENT_CHECK, BAD_REQUEST }
}
