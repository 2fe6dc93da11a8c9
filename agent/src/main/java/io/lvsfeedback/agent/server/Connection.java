package io.lvsfeedback.agent.server;

import io.lvsfeedback.model.protocol.AgentCheckLine;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.ProtocolException;
import io.lvsfeedback.model.protocol.ReportCodec;
import io.lvsfeedback.model.protocol.ReportRequest;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One connection on the feedback port as a state machine, without I/O of its own: the server feeds
 * it the bytes it reads and the deadlines that pass, and sends what {@link #takeOutput()} returns.
 * A silent client (HAProxy without agent-send) gets the agent-check line after the request wait; a
 * client whose first bytes cannot start {@code LVSFB/1} gets it at once; an
 * {@code LVSFB/1 REPORT <nonce>} line gets the signed report. Anything else is closed unanswered.
 *
 * <p>A bridge whose request arrives after the request wait (a slow network, a busy director) was
 * taken for a silent HAProxy: after the agent-check line the connection stays open for the read
 * timeout, and a report request arriving then still gets the signed report, as a second line.
 */
final class Connection {
    private static final String MAGIC = ReportCodec.MAGIC;

    /** Where the exchange stands; only {@link #SILENT} and {@link #CHECK_SENT} have heard nothing yet. */
    enum Phase {
        /** Nothing received yet, within the request wait. */
        SILENT,
        /** Part of a request line received. */
        READING,
        /** The agent-check line went out after the request wait; a late request may still come. */
        CHECK_SENT,
        /** The last reply is going out; the connection closes after it. */
        REPLYING,
        /** Done: the server closes the socket. */
        CLOSED
    }

    private final ReportSource reports;
    private final SharedSecret secret;
    private final long requestWaitNanos;
    private final long readTimeoutNanos;
    private final boolean preferred;
    private final long acceptedNanos;
    private final byte[] line = new byte[ReportCodec.MAX_REQUEST_BYTES];
    private int length;
    private Phase phase;
    private boolean checkLineSent;
    private long deadline;
    private String output;

    Connection(ReportSource reports, SharedSecret secret, Duration requestWait, Duration readTimeout,
            boolean preferred, long nowNanos) {
        this.reports = reports;
        this.secret = secret;
        this.requestWaitNanos = requestWait.toNanos();
        this.readTimeoutNanos = Math.max(1_000_000, readTimeout.toNanos());
        this.preferred = preferred;
        this.acceptedNanos = nowNanos;
        if (requestWait.isZero()) {
            reply(agentCheckLine(), nowNanos); // answer at once, whatever the client says
        } else {
            phase = Phase.SILENT;
            deadline = nowNanos + requestWaitNanos;
        }
    }

    /** Bytes from the client; stops at the first one that decides the exchange. */
    void received(byte[] bytes, int count, long nowNanos) {
        for (int i = 0; i < count && (phase == Phase.SILENT || phase == Phase.READING || phase == Phase.CHECK_SENT); i++) {
            received(bytes[i], nowNanos);
        }
    }

    private void received(byte b, long nowNanos) {
        if (phase != Phase.READING) {
            phase = Phase.READING;
            deadline = nowNanos + readTimeoutNanos; // the whole line within the read timeout
        }
        if (b == '\n') {
            answer(new String(line, 0, length, StandardCharsets.US_ASCII), nowNanos);
            return;
        }
        if (length == line.length) {
            phase = Phase.CLOSED; // longer than any request: not ours to answer
            return;
        }
        line[length++] = b;
        if (!couldBeReportRequest(line, length)) {
            // HAProxy's agent-send string, answered at once; after the check line there is nothing more to say.
            if (checkLineSent) {
                phase = Phase.CLOSED;
            } else {
                reply(agentCheckLine(), nowNanos);
            }
        }
    }

    private void answer(String request, long nowNanos) {
        if (!ReportCodec.isReportRequest(request)) {
            if (checkLineSent) {
                phase = Phase.CLOSED;
            } else {
                reply(agentCheckLine(), nowNanos);
            }
            return;
        }
        try {
            ReportRequest r = ReportCodec.parseRequestLine(request);
            reply(ReportCodec.encodeReply(reports.reportAt(r.atMillis()), r.nonce(), secret), nowNanos);
        } catch (ProtocolException e) {
            phase = Phase.CLOSED;
        }
    }

    /** The client closed its side: nobody (more) to answer. */
    void endOfInput() {
        if (phase != Phase.REPLYING) {
            phase = Phase.CLOSED;
        }
    }

    /** Called when {@link #deadline()} has passed. */
    void deadlinePassed(long nowNanos) {
        if (phase == Phase.SILENT) {
            // HAProxy without agent-send; or a bridge whose request is late: it may still come.
            output = agentCheckLine();
            checkLineSent = true;
            phase = Phase.CHECK_SENT;
            deadline = nowNanos + readTimeoutNanos;
        } else {
            phase = Phase.CLOSED; // too slow to send its line, or to take its reply
        }
    }

    /** The whole reply has been sent. */
    void outputSent() {
        if (phase == Phase.REPLYING) {
            phase = Phase.CLOSED;
        }
    }

    /** What to send next, once; null when nothing new. */
    String takeOutput() {
        String o = output;
        output = null;
        return o;
    }

    private void reply(String text, long nowNanos) {
        output = text;
        phase = Phase.REPLYING;
        deadline = nowNanos + readTimeoutNanos; // a client that does not take its reply is dropped
    }

    Phase phase() {
        return phase;
    }

    /** When {@link #deadlinePassed} is due ({@link System#nanoTime()} scale). */
    long deadline() {
        return deadline;
    }

    /** From a configured bridge address: served first, closed last. */
    boolean preferred() {
        return preferred;
    }

    long acceptedNanos() {
        return acceptedNanos;
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
        return AgentCheckLine.format(reports.reportAt(0));
    }
}
