package io.lvsfeedback.bridge.daemon;

/**
 * When cycles start: on wall-clock multiples of the poll interval, plus {@value #PHASE_PERCENT} %
 * of it. Agents sample on the same wall-clock multiples of their own interval (a divisor of ours by
 * default), so every director polls each agent between the same two of its samples and gets the
 * same report, and with it computes the same weights; the phase leaves the agents time to finish
 * sampling. Directors need clocks kept in step (NTP), to well within the phase.
 */
final class CycleSchedule {
    static final int PHASE_PERCENT = 40;

    private CycleSchedule() {}

    /** Milliseconds from {@code nowMillis} to the next cycle start; at least 1, at most one interval. */
    static long millisUntilNext(long nowMillis, long intervalMillis) {
        long phase = intervalMillis * PHASE_PERCENT / 100;
        long next = Math.floorDiv(nowMillis - phase, intervalMillis) * intervalMillis + intervalMillis + phase;
        return Math.max(1, next - nowMillis);
    }
}
