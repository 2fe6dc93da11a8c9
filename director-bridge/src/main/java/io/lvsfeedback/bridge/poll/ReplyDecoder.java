package io.lvsfeedback.bridge.poll;

import io.lvsfeedback.model.protocol.AgentCheckLine;
import io.lvsfeedback.model.protocol.ProtocolException;
import io.lvsfeedback.model.protocol.ReportCodec;
import io.lvsfeedback.model.protocol.VerifiedReport;

/**
 * Decodes one reply line: a signed LVSFB/1 report, or (for HAProxy-style agents, only when
 * unauthenticated agents are allowed, since such a line cannot be checked) an agent-check line.
 */
final class ReplyDecoder {
    private ReplyDecoder() {}

    static PollOutcome decode(String line, String nonce, PollRequest request, long latencyNanos) {
        try {
            if (line.startsWith(ReportCodec.MAGIC + " ")) {
                VerifiedReport v = ReportCodec.decodeReply(line, nonce, request.secret(), request.allowUnauthenticated());
                return PollOutcome.report(v.report(), v.authenticated(), latencyNanos);
            }
            if (!request.allowUnauthenticated()) {
                return PollOutcome.failure("agent answered a plain agent-check line, which carries no signature;"
                        + " set allow-unauthenticated=true to accept HAProxy-style agents", latencyNanos);
            }
            return PollOutcome.report(AgentCheckLine.parse(line).toReport(), false, latencyNanos);
        } catch (ProtocolException e) {
            return PollOutcome.failure(e.getMessage(), latencyNanos);
        }
    }
}
