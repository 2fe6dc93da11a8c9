package io.lvsfeedback.bridge.daemon;

/**
 * When cycles start: on wall-clock multiples of the poll interval, plus {@value #PHASE_PERCENT} %
 * of the agents' sample interval (or of the poll interval, when that is shorter). Agents sample on
 * wall-clock multiples of their sample interval and answer every poll with their latest sample, so
 * every director that polls between the same two samples gets the same report, and with it
 * computes the same weights. The phase is taken from the sample interval, not the poll interval:
 * with a 1 s poll interval and agents sampling every 500 ms, 40 % of the poll interval (400 ms)
 * would leave only 100 ms before the agents' next sample, and two directors whose polls straddle
 * it (a poll 100 ms late on a busy director) would decide from different samples. Directors need
 * clocks kept in step (NTP), to well within the phase, and a poll interval that is a multiple of
 * the agents' sample interval.
 */
final class CycleSchedule {
    static final int PHASE_PERCENT = 40;

    private CycleSchedule() {}

    /** Milliseconds from {@code nowMillis} to the next cycle start; at least 1, at most one interval. */
    static long millisUntilNext(long nowMillis, long intervalMillis, long agentSampleIntervalMillis) {
        long phase = Math.min(intervalMillis, agentSampleIntervalMillis) * PHASE_PERCENT / 100;
        long next = Math.floorDiv(nowMillis - phase, intervalMillis) * intervalMillis + intervalMillis + phase;
        return Math.max(1, next - nowMillis);
    }
}
