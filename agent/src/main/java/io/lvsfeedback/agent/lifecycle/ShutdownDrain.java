package io.lvsfeedback.agent.lifecycle;

import io.lvsfeedback.agent.util.AgentClock;
import io.lvsfeedback.agent.util.AgentLog;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * What the agent does when the JVM stops: report drain at once, keep serving reports while the
 * application's connections finish (or the drain timeout passes), and only then let the caller
 * undo the network setup. Runs in a shutdown hook, so it is bounded by the timeout.
 */
public final class ShutdownDrain {
    private static final AgentLog LOG = AgentLog.of(ShutdownDrain.class);
    private static final long POLL_MILLIS = 100;

    private final AgentClock clock;
    private final Runnable startDraining;
    private final IntSupplier activeConnections;
    private final Duration timeout;

    /**
     * @param activeConnections open connections of the application; negative when unknown
     */
    public ShutdownDrain(AgentClock clock, Runnable startDraining, IntSupplier activeConnections, Duration timeout) {
        this.clock = clock;
        this.startDraining = startDraining;
        this.activeConnections = activeConnections;
        this.timeout = timeout;
    }

    /** Drains and waits; returns the connections still open when it gave up (0 when all ended). */
    public int run() throws InterruptedException {
        startDraining.run();
        long deadline = clock.nanoTime() + timeout.toNanos();
        int open = activeConnections.getAsInt();
        while (open > 0 && clock.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            open = activeConnections.getAsInt();
        }
        if (open > 0) {
            LOG.warn("drain timeout (" + timeout.toMillis() + " ms) passed with " + open + " connection(s) still open");
        } else {
            LOG.info("drained: no application connections left");
        }
        return Math.max(0, open);
    }
}
