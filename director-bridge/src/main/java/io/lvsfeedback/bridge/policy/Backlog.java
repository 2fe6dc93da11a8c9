package io.lvsfeedback.bridge.policy;

import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import java.util.Locale;

/**
 * Requests queued at a server that its scheduler does not see. IPVS's {@code wrr} deals its fixed
 * cycle whatever a server already holds: a server that slowed down before its weight fell keeps the
 * queue it built, and arrivals at its new share, just below what it serves, drain that queue slowly
 * (W2 on {@code wrr} in the lab: 20 s of 1-3 s answers after a x5 step, though the weight was the
 * oracle's within 2 s). Taking {@code queued / drain time} off the capacity sends the server less than
 * it serves until the queue is gone. Least-connection schedulers count those connections already
 * (they are active connections in the kernel), so the term is for {@code wrr} alone. A queue counts
 * only as far as the previous sample had it too: one pause (a GC, a 200 ms SIGSTOP) or a burst leaves a
 * queue in one sample, and at 1 s each queued request moved a weight by a tenth (lab: 19 % after a
 * SIGSTOP, and weights flickering while the service was steady); a server that fell behind keeps its
 * queue from sample to sample.
 */
final class Backlog {
    /** Capacity never falls below this share of itself: a ready server keeps a weight relative to the others. */
    static final double MIN_SHARE = 0.01;

    private Backlog() {}

    /** Whether the term applies to a service with this scheduler (null: unknown, off). */
    static boolean applies(String scheduler, PolicySettings s) {
        return s.backlogDrainMillis() > 0 && "wrr".equals(scheduler);
    }

    /**
     * What a server serves within this time does not count as a backlog (fixed; the agent's default
     * sample interval, so a pause or burst that one sample could hold). A 200 ms pause (SIGSTOP in the lab) left 2 requests queued at a 10/s
     * server in two samples in a row and moved its weight 19 %; a server that fell behind (W2: 2/s
     * against 5 or more queued) keeps most of its queue.
     */
    static final double GRACE_SECONDS = 0.25;

    /**
     * Requests waiting for a thread at the server ({@code pool_queue}) in this sample and the one
     * before (the smaller), less what {@code capacity} serves within {@link #GRACE_SECONDS} (none when
     * the capacity is not a positive number); 0 without a previous sample, or when either is absent or
     * not a count.
     */
    static double queued(FeedbackReport now, FeedbackReport previous, double capacity) {
        if (previous == null) {
            return 0;
        }
        double grace = capacity > 0 ? capacity * GRACE_SECONDS : 0; // NaN is not > 0
        return Math.max(0, Math.min(queued(now), queued(previous)) - grace);
    }

    private static double queued(FeedbackReport r) {
        double q = r.signal(Signals.POOL_QUEUE);
        return Double.isFinite(q) && q > 0 ? q : 0;
    }

    /** The capacity left for new arrivals while {@code queued} requests are served within {@code drainMillis}. */
    static double drained(double capacity, double queued, long drainMillis) {
        double left = capacity - queued * 1000.0 / drainMillis;
        return Math.max(capacity * MIN_SHARE, left);
    }

    static String reason(double capacity, double queued, double left, long drainMillis) {
        return String.format(Locale.ROOT, "capacity %.0f/s less %.0f queued within %.1fs: %.2f/s",
                capacity, queued, drainMillis / 1000.0, left);
    }
}
