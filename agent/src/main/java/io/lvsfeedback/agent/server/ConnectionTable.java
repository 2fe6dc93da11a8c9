package io.lvsfeedback.agent.server;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The open connections, oldest first, and whom to close when they are as many as allowed. Idle
 * connections cost an attacker nothing, so a full table makes room instead of turning newcomers
 * away: the oldest connection that has said nothing goes first, then the oldest half-sent request,
 * then the oldest that will not take its reply. Connections from preferred (bridge) addresses are
 * closed only to make room for another preferred one.
 */
final class ConnectionTable<C> {
    private final int max;
    private final Function<C, Connection> view;
    private final Set<C> open = new LinkedHashSet<>();

    /** @param view a connection's protocol state */
    ConnectionTable(int max, Function<C, Connection> view) {
        this.max = max;
        this.view = view;
    }

    boolean full() {
        return open.size() >= max;
    }

    void add(C c) {
        open.add(c);
    }

    void remove(C c) {
        open.remove(c);
    }

    int size() {
        return open.size();
    }

    Iterable<C> all() {
        return open;
    }

    /** Whom to close so a newcomer fits, or null when the newcomer itself must go. */
    C victimFor(boolean newcomerPreferred) {
        C victim = oldest(false, Connection.Phase.SILENT, Connection.Phase.CHECK_SENT);
        if (victim == null) {
            victim = oldest(false, Connection.Phase.READING, null);
        }
        if (victim == null) {
            victim = oldest(false, Connection.Phase.REPLYING, null);
        }
        if (victim == null && newcomerPreferred) {
            victim = oldest(true, Connection.Phase.SILENT, Connection.Phase.CHECK_SENT);
            if (victim == null) {
                victim = oldest(true, Connection.Phase.READING, Connection.Phase.REPLYING);
            }
        }
        return victim;
    }

    private C oldest(boolean preferred, Connection.Phase a, Connection.Phase b) {
        for (Iterator<C> it = open.iterator(); it.hasNext();) {
            C c = it.next();
            Connection s = view.apply(c);
            if (s.preferred() == preferred && (s.phase() == a || s.phase() == b)) {
                return c;
            }
        }
        return null;
    }
}
