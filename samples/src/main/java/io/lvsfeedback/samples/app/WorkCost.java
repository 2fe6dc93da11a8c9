package io.lvsfeedback.samples.app;

/**
 * What one {@code /work} request costs: CPU time burnt, latency added by waiting, the share of
 * requests answered with an error, and heap allocated and held for the request's duration (GC
 * pressure). Immutable; a change of cost is a new value.
 *
 * @param cpuMillis     CPU time spent per request, ms ({@value #MAX_CPU_MILLIS} at most)
 * @param latencyMillis extra wall time per request, spent waiting on the request's thread, ms
 *                      ({@value #MAX_LATENCY_MILLIS} at most)
 * @param errorRate     share of requests answered with HTTP 500, 0..1
 * @param allocMegabytes heap allocated per request and kept reachable until it ends, MiB
 *                      ({@value #MAX_ALLOC_MEGABYTES} at most): with a small {@code -Xmx} and a few
 *                      concurrent requests this makes real collections, promotions and pauses
 */
public record WorkCost(long cpuMillis, long latencyMillis, double errorRate, int allocMegabytes) {

    public static final long MAX_CPU_MILLIS = 10_000;
    public static final long MAX_LATENCY_MILLIS = 60_000;
    public static final int MAX_ALLOC_MEGABYTES = 1024;

    /** No extra work: the healthy server. */
    public static final WorkCost NONE = new WorkCost(0, 0, 0.0, 0);

    public WorkCost {
        requireRange("cpu-ms", cpuMillis, MAX_CPU_MILLIS);
        requireRange("latency-ms", latencyMillis, MAX_LATENCY_MILLIS);
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
            throw new IllegalArgumentException("error-rate must be within 0..1, got " + errorRate);
        }
        requireRange("alloc-mb", allocMegabytes, MAX_ALLOC_MEGABYTES);
    }

    /** A cost that allocates nothing extra. */
    public WorkCost(long cpuMillis, long latencyMillis, double errorRate) {
        this(cpuMillis, latencyMillis, errorRate, 0);
    }

    public WorkCost withCpuMillis(long value) {
        return new WorkCost(value, latencyMillis, errorRate, allocMegabytes);
    }

    public WorkCost withLatencyMillis(long value) {
        return new WorkCost(cpuMillis, value, errorRate, allocMegabytes);
    }

    public WorkCost withErrorRate(double value) {
        return new WorkCost(cpuMillis, latencyMillis, value, allocMegabytes);
    }

    public WorkCost withAllocMegabytes(int value) {
        return new WorkCost(cpuMillis, latencyMillis, errorRate, value);
    }

    /**
     * The form the admin endpoint prints and accepts: {@code cpu-ms=5 latency-ms=0 error-rate=0.0},
     * plus {@code alloc-mb=N} when the request allocates.
     */
    public String describe() {
        return "cpu-ms=" + cpuMillis + " latency-ms=" + latencyMillis + " error-rate=" + errorRate
                + (allocMegabytes > 0 ? " alloc-mb=" + allocMegabytes : "");
    }

    private static void requireRange(String name, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be within 0.." + max + ", got " + value);
        }
    }
}
