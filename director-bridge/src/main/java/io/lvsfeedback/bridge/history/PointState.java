package io.lvsfeedback.bridge.history;

import io.lvsfeedback.model.protocol.AdminState;
import java.util.Locale;

/** The agent's state as the history keeps it: its last report's state, or why there is none. */
public enum PointState {
    READY, DRAIN, MAINT, DOWN,
    /** No report yet. */
    UNKNOWN,
    /** The last report is older than stale-after. */
    STALE;

    static PointState of(AdminState s) {
        return switch (s) {
            case READY -> READY;
            case DRAIN -> DRAIN;
            case MAINT -> MAINT;
            case DOWN -> DOWN;
        };
    }

    /** The lower-case word the page and the JSON use. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
