package io.lvsfeedback.bridge.daemon;

import io.lvsfeedback.bridge.engine.CycleInstant;

/**
 * When cycles start: on wall-clock multiples of the poll interval, plus {@value #PHASE_PERCENT} %
 * of the agents' sample interval (or of the poll interval, when that is shorter). Agents sample on
 * wall-clock multiples of their sample interval and answer each poll with the sample at or before the
 * instant it names, so
 * every director gets the same report (each poll names its cycle's instant, {@link CycleInstant}),
 * and with it computes the same weights. The phase is taken from the sample interval, not the poll interval:
 * with a 1 s poll interval and agents sampling every 500 ms, 40 % of the poll interval (400 ms)
 * would leave only 100 ms before the agents' next sample, and two directors whose polls straddle
 * it (a poll 100 ms late on a busy director) would decide from different samples. Directors need
 * clocks kept in step (NTP), to well within the phase, and a poll interval that is a multiple of
 * the agents' sample interval.
 */
final class CycleSchedule {
    static final int PHASE_PERCENT = CycleInstant.PHASE_PERCENT;

    private CycleSchedule() {}

    /** Milliseconds from {@code nowMillis} to the next cycle start; at least 1, at most one interval. */
    static long millisUntilNext(long nowMillis, long intervalMillis, long agentSampleIntervalMillis) {
        return CycleInstant.millisUntilNext(nowMillis, intervalMillis, agentSampleIntervalMillis);
    }
}
