package io.lvsfeedback.bridge.poll;

import io.lvsfeedback.model.protocol.FeedbackReport;

/**
 * The result of polling one agent once: a report, or an error saying what went wrong.
 *
 * @param authenticated the reply's HMAC was checked (false for allowed unsigned or agent-check replies)
 * @param latencyNanos  from connect to the decoded reply or the failure
 */
public record PollOutcome(FeedbackReport report, boolean authenticated, String error, long latencyNanos) {
    public static PollOutcome report(FeedbackReport report, boolean authenticated, long latencyNanos) {
        return new PollOutcome(report, authenticated, null, latencyNanos);
    }

    public static PollOutcome failure(String error, long latencyNanos) {
        return new PollOutcome(null, false, error, latencyNanos);
    }

    public boolean succeeded() {
        return report != null;
    }
}
