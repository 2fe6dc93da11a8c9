package io.lvsfeedback.agent.report;

import io.lvsfeedback.model.protocol.Signals;
import java.util.Map;

/**
 * Turns raw signals into pressures (0 = idle, 1 = saturated), a utilization and an ORCA-style
 * capacity. Pure functions of their inputs.
 *
 * <ul>
 *   <li>cpu: system CPU utilization (process CPU when the system value is unknown);
 *   <li>gc: GC pause share / gc-limit;
 *   <li>heap: heap after GC, from 0 at half full to 1 at heap-high;
 *   <li>pool: (running + queued jobs) / threads available to jobs, of the server's pool.
 * </ul>
 * The weight is {@code 100 * (1 - max(weight_i * pressure_i))}: the most pressing resource rules.
 */
public final class LoadModel {
    /** gRFC A58's default: an error costs as much utilization as a request. */
    static final double ERROR_PENALTY = 1.0;

    private LoadModel() {}

    static double get(Map<String, Double> s, String name) {
        Double v = s.get(name);
        return v == null ? Double.NaN : v;
    }

    public static double cpuPressure(Map<String, Double> s) {
        double system = get(s, Signals.CPU_SYSTEM);
        return clamp01(Double.isNaN(system) ? get(s, Signals.CPU_PROCESS) : system);
    }

    public static double gcPressure(Map<String, Double> s, double gcLimit) {
        return clamp01(get(s, Signals.GC_OVERHEAD) / gcLimit);
    }

    public static double heapPressure(Map<String, Double> s, double heapHigh) {
        return clamp01((get(s, Signals.HEAP_AFTER_GC) - 0.5) / (heapHigh - 0.5));
    }

    public static double poolPressure(Map<String, Double> s) {
        double max = get(s, Signals.POOL_MAX);
        if (!(max > 0)) {
            return Double.NaN;
        }
        double queue = get(s, Signals.POOL_QUEUE);
        return clamp01((get(s, Signals.POOL_BUSY) + (Double.isNaN(queue) ? 0 : queue)) / max);
    }

    /** 0..100 before smoothing; 100 when nothing is known (no signal, no pressure). */
    public static double rawWeight(Map<String, Double> s, Tunables t) {
        double worst = 0;
        worst = worse(worst, t.weights().cpu() * cpuPressure(s));
        worst = worse(worst, t.weights().gc() * gcPressure(s, t.gcLimit()));
        worst = worse(worst, t.weights().heap() * heapPressure(s, t.heapHigh()));
        worst = worse(worst, t.weights().pool() * poolPressure(s));
        return 100 * (1 - worst);
    }

    /** Where the utilization behind the capacity comes from, best first. */
    public enum UtilizationSource {
        /** Mean requests in service (Little's law) / threads available to requests. */
        CONCURRENCY,
        /** One sample of the pool's running + queued jobs / threads available to requests. */
        POOL,
        /** The process's CPU utilization (gRFC A58 uses cpu_utilization the same way). */
        CPU,
        NONE
    }

    public static UtilizationSource utilizationSource(Map<String, Double> s) {
        if (get(s, Signals.CONCURRENCY) >= 0 && get(s, Signals.POOL_MAX) > 0) {
            return UtilizationSource.CONCURRENCY;
        }
        if (!Double.isNaN(poolPressure(s))) {
            return UtilizationSource.POOL;
        }
        return Double.isNaN(get(s, Signals.CPU_PROCESS)) ? UtilizationSource.NONE : UtilizationSource.CPU;
    }

    /**
     * The utilization behind the capacity, from the best source known (see
     * {@link UtilizationSource}). With mean concurrency N = rps * service time (Little's law) over
     * a pool of M threads, capacity = rps / (N / M) = M / service time: the same for equal servers
     * whatever traffic each one gets, which is what lets a server whose weight was lowered earn it
     * back. Not clamped to 1: asynchronous requests can outnumber the threads.
     */
    public static double utilization(Map<String, Double> s) {
        return utilization(s, utilizationSource(s));
    }

    /** The utilization from {@code source}; NaN when this sample lacks what that source needs. */
    public static double utilization(Map<String, Double> s, UtilizationSource source) {
        switch (source) {
            case CONCURRENCY:
                double concurrency = get(s, Signals.CONCURRENCY);
                double threads = get(s, Signals.POOL_MAX);
                return concurrency >= 0 && threads > 0 ? concurrency / threads : Double.NaN;
            case POOL:
                return poolPressure(s);
            case CPU:
                return get(s, Signals.CPU_PROCESS);
            default:
                return Double.NaN;
        }
    }

    /** {@code rps / (util + err_rate / rps * penalty)}; NaN with no traffic or no utilization. */
    public static double capacity(double rps, double errorRate, double utilization) {
        if (!(rps > 0) || !(utilization > 0)) {
            return Double.NaN;
        }
        double errors = Double.isNaN(errorRate) ? 0 : errorRate;
        return rps / (utilization + errors / rps * ERROR_PENALTY);
    }

    private static double worse(double a, double b) {
        return Double.isNaN(b) ? a : Math.max(a, b);
    }

    private static double clamp01(double v) {
        return Double.isNaN(v) ? v : Math.max(0, Math.min(1, v));
    }
}
