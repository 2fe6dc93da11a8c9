package io.lvsfeedback.bridge.engine;

/**
 * The wall-clock instants cycles stand for: multiples of the poll interval plus {@value #PHASE_PERCENT} %
 * of the agents' sample interval (or of the poll interval, when that is shorter). Agents sample on
 * wall-clock multiples of their sample interval; the phase leaves them time to publish the sample
 * before the cycle asks for it. A cycle asks every agent for the sample at or before its instant
 * ({@code at=}), so directors whose cycles run late still decide from the same sample as the others.
 * The phase is taken from the sample interval, not the poll interval: with 1 s polls and 500 ms
 * samples, 40 % of the poll interval would leave 100 ms before the agents' next sample.
 * Directors need clocks kept in step (NTP), to well within the phase.
 */
public final class CycleInstant {
    public static final int PHASE_PERCENT = 40;

    private CycleInstant() {}

    /** The latest cycle instant at or before {@code nowMillis}. */
    public static long latest(long nowMillis, long intervalMillis, long agentSampleIntervalMillis) {
        long phase = phase(intervalMillis, agentSampleIntervalMillis);
        return Math.floorDiv(nowMillis - phase, intervalMillis) * intervalMillis + phase;
    }

    /** Milliseconds from {@code nowMillis} to the next cycle instant; at least 1, at most one interval. */
    public static long millisUntilNext(long nowMillis, long intervalMillis, long agentSampleIntervalMillis) {
        long next = latest(nowMillis, intervalMillis, agentSampleIntervalMillis) + intervalMillis;
        return Math.max(1, next - nowMillis);
    }

    private static long phase(long intervalMillis, long agentSampleIntervalMillis) {
        return Math.min(intervalMillis, agentSampleIntervalMillis) * PHASE_PERCENT / 100;
    }
}
