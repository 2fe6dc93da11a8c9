package io.lvsfeedback.bridge.history;

import io.lvsfeedback.bridge.policy.Decision;
import java.util.Locale;

/** A moment worth marking on a destination's chart: the cause of its weight changed to one of these. */
public enum Mark {
    /** The agent asked for 0 (drain, maint, down). */
    DRAIN,
    /** An operator's override took effect. */
    OVERRIDE,
    /** Another party (a health checker, ipvsadm) wrote 0. */
    QUIESCE,
    /** Reports stopped: back to the base weight. */
    STALE,
    /** An operator froze the weight. */
    FREEZE;

    /** The mark for a change to this cause, or null when the change is not marked (load, guard). */
    static Mark of(Decision.Cause cause) {
        return switch (cause) {
            case AGENT_ZERO -> DRAIN;
            case OVERRIDE -> OVERRIDE;
            case QUIESCED -> QUIESCE;
            case STALE -> STALE;
            case FROZEN -> FREEZE;
            case LOAD, GUARD -> null;
        };
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
