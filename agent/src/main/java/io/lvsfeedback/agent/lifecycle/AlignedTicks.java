package io.lvsfeedback.agent.lifecycle;

import io.lvsfeedback.agent.util.AgentClock;

/**
 * Sample times on wall-clock boundaries (multiples of the interval since the epoch), so every
 * agent samples at the same moments and every bridge that polls between two boundaries gets the
 * sample of the same interval from each of them. A fixed-rate schedule would drift from the wall
 * clock and from the other agents.
 */
final class AlignedTicks {
    private final long intervalMillis;
    private final AgentClock clock;
    private long last = Long.MIN_VALUE;

    AlignedTicks(long intervalMillis, AgentClock clock) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("interval must be positive, got " + intervalMillis + " ms");
        }
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    /**
     * The next boundary after now. A clock stepped back by a little (less than two intervals) does
     * not repeat an epoch; stepped back further, the schedule follows the new clock at once rather
     * than sampling at half the rate until the clock catches up.
     */
    long nextBoundary() {
        long now = clock.wallMillis();
        long next = Math.floorDiv(now, intervalMillis) * intervalMillis + intervalMillis;
        if (next <= last && last - next <= 2 * intervalMillis) {
            next = last + intervalMillis;
        }
        last = next;
        return next;
    }

    /** Milliseconds until {@code boundary}; never more than two intervals, whatever the clock does. */
    long delayUntil(long boundary) {
        return Math.max(0, Math.min(boundary - clock.wallMillis(), 2 * intervalMillis));
    }
}
