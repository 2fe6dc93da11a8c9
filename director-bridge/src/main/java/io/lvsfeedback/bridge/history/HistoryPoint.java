package io.lvsfeedback.bridge.history;

import java.util.Set;

/**
 * One point of a destination's history: what the kernel had and the agent said at the end of a
 * cycle (the last cycle of its time slot).
 *
 * @param atMillis  the engine's clock ({@link io.lvsfeedback.bridge.engine.ClockSource}) at the sample
 * @param weight    the kernel's weight after the cycle
 * @param capacity  the agent's capacity (requests/s), NaN when not reported
 * @param state     the agent's state then
 * @param marks     what happened in the point's slot (drain, override, ...), empty when nothing
 */
public record HistoryPoint(long atMillis, int weight, double capacity, PointState state, Set<Mark> marks) {
    public HistoryPoint {
        marks = Set.copyOf(marks);
    }
}
