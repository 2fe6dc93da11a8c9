package io.lvsfeedback.samples.app;

/**
 * Run-time cost of the sample application's {@code /work} endpoint, so an operator (or the demo)
 * can make this server slow or sick with JConsole or jmxterm. Setting a bad value throws
 * {@link IllegalArgumentException} and keeps the old cost.
 */
public interface WorkCostMXBean {

    String OBJECT_NAME = "lvsfeedback.samples:type=WorkCost";

    /** CPU time burnt per request, ms. */
    long getCpuMillis();

    void setCpuMillis(long cpuMillis);

    /** Extra wall time per request, ms (the request's thread waits). */
    long getLatencyMillis();

    void setLatencyMillis(long latencyMillis);

    /** Share of requests answered with HTTP 500, 0..1. */
    double getErrorRate();

    void setErrorRate(double errorRate);

    /** Heap allocated per request and held until it ends, MiB (GC pressure). */
    int getAllocMegabytes();

    void setAllocMegabytes(int allocMegabytes);

    /** The whole cost in the admin endpoint's form, e.g. {@code cpu-ms=5 latency-ms=0 error-rate=0.0}. */
    String getDescription();

    /** Back to no extra work. */
    void reset();
}
