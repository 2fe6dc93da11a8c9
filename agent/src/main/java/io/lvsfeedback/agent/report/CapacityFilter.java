package io.lvsfeedback.agent.report;

/**
 * Turns per-interval capacity samples into the reported capacity: fast on a confirmed change,
 * deaf to one odd sample, the same speed in both directions.
 *
 * <ol>
 *   <li><b>Samples of enough requests.</b> Ticks are pooled (requests and busy time summed) until
 *       they hold {@link #MIN_REQUESTS} requests, or {@link #MAX_POOL_NANOS} have passed with at
 *       least one: the mean service time of one or two requests says little.
 *   <li><b>Median of the last three samples</b>, in log space. One odd sample (a burst, a GC or
 *       safepoint pause, a frozen JVM) never gets through; a real change does as soon as two
 *       samples show it.
 *   <li><b>Jump or glide.</b> When the median is further than {@link #JUMP_FACTOR} from the
 *       estimate, two of three samples agree on a new level: take it at once (a server slowed x5
 *       must not keep its traffic while an average catches up). Otherwise an EWMA with the
 *       smoothing's time constant.
 * </ol>
 * The average is of log(capacity), so a fall to a fifth and the rise back take the same time; an
 * average of utilization (the previous estimator) moved as 1/(1+4x) and recovered five times slower
 * than it fell.
 */
final class CapacityFilter {
    static final double MIN_REQUESTS = 3;
    static final long MAX_POOL_NANOS = 5_000_000_000L;
    static final double JUMP_FACTOR = 1.5;
    private static final double JUMP_LOG = Math.log(JUMP_FACTOR);

    private final double[] recent = new double[3];
    private int recentCount;
    private double estimate = Double.NaN; // log(capacity)
    private long lastUpdateNanos;

    private double pooledRequests;
    private double pooledBusy; // utilization x seconds, the denominator's share
    private long poolStartNanos = Long.MIN_VALUE;

    /**
     * One tick's measurements: {@code requests} completed, and the utilization-seconds they cost
     * ({@code (util + err_rate / rps * penalty) * seconds}). Returns the capacity now, NaN before
     * the first sample.
     */
    double update(double requests, double costSeconds, double seconds, long nowNanos, long tauNanos) {
        if (requests > 0 && costSeconds > 0 && seconds > 0 && Double.isFinite(requests + costSeconds + seconds)) {
            if (poolStartNanos == Long.MIN_VALUE) {
                poolStartNanos = nowNanos;
            }
            pooledRequests += requests;
            pooledBusy += costSeconds;
        }
        boolean enough = pooledRequests >= MIN_REQUESTS
                || (pooledRequests > 0 && nowNanos - poolStartNanos >= MAX_POOL_NANOS);
        if (enough) {
            // capacity = rps / util = (requests / seconds) / (busy / seconds)
            accept(Math.log(pooledRequests / pooledBusy), nowNanos, tauNanos);
            pooledRequests = 0;
            pooledBusy = 0;
            poolStartNanos = Long.MIN_VALUE;
        }
        return capacity();
    }

    double capacity() {
        return Double.isNaN(estimate) ? Double.NaN : Math.exp(estimate);
    }

    private void accept(double logSample, long nowNanos, long tauNanos) {
        if (recentCount == recent.length) {
            System.arraycopy(recent, 1, recent, 0, recent.length - 1);
            recentCount--;
        }
        recent[recentCount++] = logSample;
        double filtered = filtered();
        if (Double.isNaN(estimate) || tauNanos <= 0 || Math.abs(filtered - estimate) >= JUMP_LOG) {
            estimate = filtered;
        } else {
            double dt = Math.max(0, nowNanos - lastUpdateNanos);
            estimate += (1 - Math.exp(-dt / tauNanos)) * (filtered - estimate);
        }
        lastUpdateNanos = nowNanos;
    }

    /** Median of three; of fewer, the first (a lone first sample is all there is). */
    private double filtered() {
        if (recentCount < 3) {
            return recent[0];
        }
        double a = recent[0];
        double b = recent[1];
        double c = recent[2];
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
