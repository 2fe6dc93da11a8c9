package io.lvsfeedback.bridge.poll;

import io.lvsfeedback.model.protocol.FeedbackReport;

/**
 * The result of polling one agent once: a report, or an error saying what went wrong.
 *
 * @param authenticated the reply's HMAC was checked (false for allowed unsigned or agent-check replies)
 * @param latencyNanos  from connect to the decoded reply or the failure
 * @param unanswered    a failure where the agent's host took the connection but no reply came before
 *                      the deadline: the JVM is alive and too slow to answer (starved of CPU,
 *                      stopped, paging), unlike a refused or unreachable agent
 */
public record PollOutcome(FeedbackReport report, boolean authenticated, String error, long latencyNanos,
                          boolean unanswered) {
    public static PollOutcome report(FeedbackReport report, boolean authenticated, long latencyNanos) {
        return new PollOutcome(report, authenticated, null, latencyNanos, false);
    }

    public static PollOutcome failure(String error, long latencyNanos) {
        return new PollOutcome(null, false, error, latencyNanos, false);
    }

    /** Connected, and no reply before the deadline. */
    public static PollOutcome unanswered(String error, long latencyNanos) {
        return new PollOutcome(null, false, error, latencyNanos, true);
    }

    public boolean succeeded() {
        return report != null;
    }
}
