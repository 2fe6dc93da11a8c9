package io.lvsfeedback.bridge.policy;

import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import java.util.Locale;

/**
 * Under {@code wrr}, a server that takes much longer per request than the service's fastest gets
 * only the traffic the faster servers cannot take. Each request such a server serves costs its
 * client that long, so a share in proportion to its capacity puts its service time into the tail:
 * W2 in the lab, rs1 at x5 with the true capacities as static {@code wrr} weights still served 9 % of
 * the requests at 1 s each (p99 3x the {@code wlc} oracle's, which sent rs1 1 or 2 requests in the
 * 30 s: least-connection fills the servers that answer first). Least-connection schedulers do this
 * themselves; hashing ones must not move flows on it: the term is for {@code wrr} alone.
 *
 * <p>A report's time per request is {@code pool_max / capacity}: the agent's capacity is the request
 * threads over the time one request holds a thread (CPU bound, GC pauses and errors included), so
 * servers with different pools compare fairly. Slow means at least {@value #SLOW_FACTOR} times the
 * fastest. The faster servers are planned at {@code fast-first} percent of their measured capacity
 * (a queue at one of them moves its traffic to the other fast ones, {@link Backlog}); what the
 * service's request rate (the sum of the agents' {@code rps}) needs beyond that goes to the
 * slow ones, each in proportion to its capacity, never more than its capacity: a saturated service
 * gets the plain capacity shares back. Servers without {@code pool_max} or a capacity count as fast.
 * Depends on the reports alone, so every director computes the same.
 */
final class FastFirst {
    /** A server this many times slower per request than the fastest one is slow. */
    static final double SLOW_FACTOR = 2.0;
    /** A slow server keeps at least this share of its capacity: it stays in the cycle and keeps being measured. */
    static final double MIN_SHARE = 0.01;

    private FastFirst() {}

    /** Whether the term applies to a service with this scheduler (null: unknown, off). */
    static boolean applies(String scheduler, PolicySettings s) {
        return s.fastFirstPercent() > 0 && "wrr".equals(scheduler);
    }

    /** Seconds one request holds one of the server's request threads; NaN when the report cannot say. */
    static double secondsPerRequest(FeedbackReport r, double capacity) {
        double threads = r.signal(Signals.POOL_MAX);
        if (!(capacity > 0) || !Double.isFinite(capacity) || !(threads > 0) || !Double.isFinite(threads)) {
            return Double.NaN;
        }
        double s = threads / capacity;
        return Double.isFinite(s) && s > 0 ? s : Double.NaN;
    }

    /**
     * Lowers the capacities of the slow servers to what they should take; {@code reports[i]} null or
     * {@code capacity[i] <= 0} leaves destination {@code i} out. {@code measured[i]} is the capacity the
     * agent reported (the time per request comes from it), {@code capacity[i]} the one the weights use so
     * far (less a backlog). Appends why to {@code basis[i]} of every slow server.
     *
     * @return per destination, whether its capacity was lowered
     */
    static boolean[] apply(FeedbackReport[] reports, double[] measured, double[] capacity, String[] basis, int percent) {
        int n = capacity.length;
        boolean[] lowered = new boolean[n];
        double[] seconds = new double[n];
        double fastest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            seconds[i] = reports[i] == null || !(capacity[i] > 0) ? Double.NaN : secondsPerRequest(reports[i], measured[i]);
            if (seconds[i] < fastest) {
                fastest = seconds[i];
            }
        }
        if (fastest == Double.POSITIVE_INFINITY) {
            return lowered;
        }
        // Sums relative to the largest capacity, so that huge figures cannot overflow to Infinity.
        double largest = 0;
        for (int i = 0; i < n; i++) {
            if (reports[i] != null && capacity[i] > 0) {
                largest = Math.max(largest, Math.max(capacity[i], Double.isFinite(measured[i]) ? measured[i] : 0));
            }
        }
        double demand = 0;
        double fast = 0;
        double slow = 0;
        for (int i = 0; i < n; i++) {
            if (reports[i] == null || !(capacity[i] > 0)) {
                continue;
            }
            demand += rate(reports[i]) / largest;
            if (isSlow(seconds[i], fastest)) {
                slow += capacity[i] / largest;
            } else {
                // What it measured, not less its queue: a few requests queued at a fast server are
                // served before one at a slow server would be; backlog-drain moves them to the
                // other fast servers, and only a service the fast ones cannot carry spills over.
                fast += Math.max(capacity[i], Double.isFinite(measured[i]) ? measured[i] : 0) / largest;
            }
        }
        if (slow == 0) {
            return lowered;
        }
        double utilization = percent / 100.0;
        double overflow = Math.max(0, demand - utilization * fast);
        // Shares follow the weights: the slow servers get overflow/demand of the traffic when their
        // capacities sum to overflow/utilization beside the fast servers' full capacities.
        double scale = Math.min(1, overflow / utilization / slow);
        for (int i = 0; i < n; i++) {
            if (reports[i] == null || !(capacity[i] > 0) || !isSlow(seconds[i], fastest)) {
                continue;
            }
            double before = capacity[i];
            capacity[i] = Math.max(before * MIN_SHARE, before * scale);
            lowered[i] = capacity[i] < before;
            String why = String.format(Locale.ROOT, "capacity %.1f/s at %.2f s per request per thread, %.1fx the"
                    + " fastest: only what the others cannot take at %d %% (%.1f/s of %.1f/s): %.2f/s", before,
                    seconds[i], seconds[i] / fastest, percent, overflow * largest, demand * largest, capacity[i]);
            basis[i] = basis[i] == null ? why : basis[i] + ", then " + why;
        }
        return lowered;
    }

    private static boolean isSlow(double seconds, double fastest) {
        return seconds >= SLOW_FACTOR * fastest; // false for NaN
    }

    /** The server's request rate now; 0 when the report has none that is a rate. */
    private static double rate(FeedbackReport r) {
        double rps = r.signal(Signals.REQUESTS_PER_SECOND);
        return Double.isFinite(rps) && rps > 0 ? rps : 0;
    }
}
