package io.lvsfeedback.bridge.policy;

/**
 * What the policy decided for one destination.
 *
 * @param target the weight the policy aims for (before rise limit and dead band)
 * @param weight the weight to have after this cycle; a write is due when it differs from {@code current}
 * @param reason a sentence for a person: why this weight
 */
public record Decision(String key, int current, int target, int weight, String reason, Cause cause) {
    /** Why a weight is what it is, coarsely, for metrics and notifications. */
    public enum Cause {
        /** From the agent's load report (capacity, suggested percent, blackout). */
        LOAD,
        /** No usable report: the base weight. */
        STALE,
        /** The agent asked for 0 (drain, maint, down). */
        AGENT_ZERO,
        /** The all-zero guard kept a destination serving despite its report. */
        GUARD,
        /** An operator's override. */
        OVERRIDE,
        /** Frozen by an operator. */
        FROZEN,
        /** Another party wrote 0; left alone. */
        QUIESCED
    }

    public boolean changes() {
        return weight != current;
    }
}
