package io.lvsfeedback.bridge.history;

import io.lvsfeedback.bridge.engine.ClockSource;
import io.lvsfeedback.bridge.engine.CycleStats;
import io.lvsfeedback.bridge.engine.DestinationState;
import io.lvsfeedback.bridge.engine.EngineListener;
import io.lvsfeedback.bridge.engine.ServiceState;
import io.lvsfeedback.bridge.policy.Decision;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a {@link DestinationHistory} per destination the engine follows: samples each at the end
 * of every cycle that read the table, marks the cycles whose cause changed, forgets a destination
 * when the engine does.
 */
public final class HistoryRecorder implements EngineListener {
    private final ClockSource clock;
    private final Map<DestinationState, DestinationHistory> histories = new ConcurrentHashMap<>();

    public HistoryRecorder(ClockSource clock) {
        this.clock = clock;
    }

    @Override
    public void destinationAdded(ServiceState service, DestinationState d) {
        histories.put(d, new DestinationHistory());
    }

    @Override
    public void destinationRemoved(ServiceState service, DestinationState d) {
        histories.remove(d);
    }

    @Override
    public void causeChanged(DestinationState d, Decision.Cause from, Decision decision) {
        Mark m = Mark.of(decision.cause());
        DestinationHistory h = histories.get(d);
        // The first decision of a destination without a report yet is "stale": nothing happened.
        if (m != null && h != null && !(from == null && m == Mark.STALE)) {
            h.mark(m);
        }
    }

    @Override
    public void cycleDone(CycleStats stats) {
        if (stats.readFailed()) {
            return; // nothing new was seen: a gap in the charts
        }
        long now = clock.millis();
        histories.forEach((d, h) -> h.record(now, d.kernelWeight(), capacity(d), state(d)));
    }

    /** The points of one destination, oldest first; empty for one not followed (any more). */
    public List<HistoryPoint> points(DestinationState d) {
        DestinationHistory h = histories.get(d);
        return h == null ? List.of() : h.points(clock.millis());
    }

    private static double capacity(DestinationState d) {
        FeedbackReport r = d.report();
        return r == null ? Double.NaN : r.signal(Signals.CAPACITY);
    }

    private static PointState state(DestinationState d) {
        FeedbackReport r = d.report();
        if (r == null) {
            return PointState.UNKNOWN;
        }
        Decision dec = d.lastDecision();
        return dec != null && dec.cause() == Decision.Cause.STALE ? PointState.STALE : PointState.of(r.state());
    }
}
