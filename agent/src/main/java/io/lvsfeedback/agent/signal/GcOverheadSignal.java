package io.lvsfeedback.agent.signal;

import io.lvsfeedback.agent.util.AgentClock;
import io.lvsfeedback.model.protocol.Signals;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Share of wall time spent in GC pauses over a sliding window (0..1), fed by GC notifications.
 * Before a full window has passed the share is over the time since the signal started.
 */
public final class GcOverheadSignal implements LoadSignal {
    /**
     * Internal, not reported: seconds of GC pauses since the signal started, from which the capacity
     * estimator takes each sample's pause share (the windowed share above is too slow for it).
     */
    public static final String PAUSED_SECONDS_TOTAL = "gc_paused_s_total";
    private final AgentClock clock;
    private final long windowNanos;
    private final long startNanos;
    /** Pairs of (end time, pause nanos), oldest first. */
    private final Deque<long[]> pauses = new ArrayDeque<>();
    private final GcNotifications subscription;
    private long pausedTotalNanos;

    public GcOverheadSignal(AgentClock clock, Duration window) {
        this(clock, window, true);
    }

    GcOverheadSignal(AgentClock clock, Duration window, boolean subscribe) {
        this.clock = clock;
        this.windowNanos = window.toNanos();
        this.startNanos = clock.nanoTime();
        this.subscription = subscribe ? new GcNotifications(info -> {
            if (!GcNotifications.isConcurrentCycle(info)) {
                recordPause(Duration.ofMillis(info.getGcInfo().getDuration()));
            }
        }) : null;
    }

    /** Records a pause that just ended. */
    synchronized void recordPause(Duration pause) {
        pauses.addLast(new long[] {clock.nanoTime(), pause.toNanos()});
        pausedTotalNanos += pause.toNanos();
    }

    @Override
    public synchronized void sample(Map<String, Double> out) {
        long now = clock.nanoTime();
        while (!pauses.isEmpty() && pauses.peekFirst()[0] < now - windowNanos) {
            pauses.removeFirst();
        }
        out.put(PAUSED_SECONDS_TOTAL, pausedTotalNanos / 1e9);
        long span = Math.min(windowNanos, now - startNanos);
        if (span <= 0) {
            out.put(Signals.GC_OVERHEAD, Double.NaN);
            return;
        }
        long paused = 0;
        for (long[] p : pauses) {
            paused += p[1];
        }
        out.put(Signals.GC_OVERHEAD, Math.min(1.0, (double) paused / span));
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
