package io.lvsfeedback.agent.util;

/** Time for all time-based policy (windows, smoothing, timeouts), swappable in tests. */
public interface AgentClock {
    /** Monotonic nanoseconds, for intervals only. */
    long nanoTime();

    /** Wall clock, epoch milliseconds, for timestamps only. */
    long wallMillis();

    AgentClock SYSTEM = new AgentClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long wallMillis() {
            return System.currentTimeMillis();
        }
    };
}
