package io.lvsfeedback.samples.app;

/**
 * What one {@code /work} request costs: CPU time burnt, latency added by waiting, and the share of
 * requests answered with an error. Immutable; a change of cost is a new value.
 *
 * @param cpuMillis     CPU time spent per request, ms ({@value #MAX_CPU_MILLIS} at most)
 * @param latencyMillis extra wall time per request, spent waiting on the request's thread, ms
 *                      ({@value #MAX_LATENCY_MILLIS} at most)
 * @param errorRate     share of requests answered with HTTP 500, 0..1
 */
public record WorkCost(long cpuMillis, long latencyMillis, double errorRate) {

    public static final long MAX_CPU_MILLIS = 10_000;
    public static final long MAX_LATENCY_MILLIS = 60_000;

    /** No extra work: the healthy server. */
    public static final WorkCost NONE = new WorkCost(0, 0, 0.0);

    public WorkCost {
        requireRange("cpu-ms", cpuMillis, MAX_CPU_MILLIS);
        requireRange("latency-ms", latencyMillis, MAX_LATENCY_MILLIS);
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
            throw new IllegalArgumentException("error-rate must be within 0..1, got " + errorRate);
        }
    }

    public WorkCost withCpuMillis(long value) {
        return new WorkCost(value, latencyMillis, errorRate);
    }

    public WorkCost withLatencyMillis(long value) {
        return new WorkCost(cpuMillis, value, errorRate);
    }

    public WorkCost withErrorRate(double value) {
        return new WorkCost(cpuMillis, latencyMillis, value);
    }

    /** The form the admin endpoint prints and accepts: {@code cpu-ms=5 latency-ms=0 error-rate=0.0}. */
    public String describe() {
        return "cpu-ms=" + cpuMillis + " latency-ms=" + latencyMillis + " error-rate=" + errorRate;
    }

    private static void requireRange(String name, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be within 0.." + max + ", got " + value);
        }
    }
}
