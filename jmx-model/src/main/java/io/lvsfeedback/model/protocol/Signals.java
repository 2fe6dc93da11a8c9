package io.lvsfeedback.model.protocol;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** Names of the numeric signals a report may carry (see docs/PROTOCOL.md); absent means unknown. */
public final class Signals {
    public static final String CAPACITY = "capacity";
    public static final String UTILIZATION = "util";
    public static final String REQUESTS_PER_SECOND = "rps";
    public static final String ERRORS_PER_SECOND = "err_rate";
    public static final String IN_FLIGHT = "inflight";
    /**
     * Mean number of requests in service over the last sample interval, by Little's law from the
     * application's request timer (time spent in requests / interval length). Older agents do not
     * send it; like every signal it is optional.
     */
    public static final String CONCURRENCY = "concurrency";
    /**
     * The coefficient of variation of one request's service time as the capacity filter has learnt
     * it: how many requests a sample needs before a change of capacity stands out of the noise.
     */
    public static final String CAPACITY_NOISE = "capacity_noise";
    /** Samples left out of the capacity since the agent started because the JVM stood still around them. */
    public static final String SAMPLES_STALLED = "samples_stalled";
    /**
     * Requests per second the process's CPU allows: rate per second of CPU, times {@link #CPU_LIMIT},
     * measured where the process used its CPU limit to the full; absent until it has. {@link #CAPACITY}
     * is never above it.
     */
    public static final String CAPACITY_CPU = "capacity_cpu";
    public static final String LATENCY_P50_MS = "p50_ms";
    public static final String LATENCY_P99_MS = "p99_ms";
    public static final String CPU_PROCESS = "cpu_process";
    public static final String CPU_SYSTEM = "cpu_system";
    public static final String LOAD_AVERAGE_1M = "load1";
    public static final String CPUS = "cpus";
    /** CPUs the process may use: its cgroup's CPU quota (the tightest on its path) if any, at most {@link #CPUS}. */
    public static final String CPU_LIMIT = "cpu_limit";
    public static final String GC_OVERHEAD = "gc_overhead";
    public static final String HEAP_AFTER_GC = "heap_after_gc";
    public static final String THREADS = "threads";
    public static final String THREADS_PEAK = "threads_peak";
    public static final String POOL_BUSY = "pool_busy";
    public static final String POOL_MAX = "pool_max";
    public static final String POOL_QUEUE = "pool_queue";

    /** Every signal name this version knows, in wire order. */
    public static final Set<String> ALL = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
            CAPACITY, UTILIZATION, REQUESTS_PER_SECOND, ERRORS_PER_SECOND, IN_FLIGHT, CONCURRENCY,
            CAPACITY_NOISE, SAMPLES_STALLED, CAPACITY_CPU, LATENCY_P50_MS, LATENCY_P99_MS, CPU_PROCESS, CPU_SYSTEM,
            LOAD_AVERAGE_1M, CPUS, CPU_LIMIT,
            GC_OVERHEAD, HEAP_AFTER_GC, THREADS, THREADS_PEAK, POOL_BUSY, POOL_MAX, POOL_QUEUE)));

    private Signals() {}
}
