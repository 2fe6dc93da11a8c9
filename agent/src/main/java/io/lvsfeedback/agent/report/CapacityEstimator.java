package io.lvsfeedback.agent.report;

import io.lvsfeedback.agent.signal.CpuSignal;
import io.lvsfeedback.agent.signal.GcOverheadSignal;
import io.lvsfeedback.agent.util.AgentLog;
import io.lvsfeedback.model.protocol.Signals;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The capacity behind the bridge's weights, and the smoothed request rate, error rate and
 * utilization shown beside it. The capacity comes from {@link CapacityFilter}: per-interval
 * samples of {@code requests / (utilization + errors / requests * penalty)}, median of three, a jump
 * on a confirmed change that stands out of the noise, a log-space EWMA otherwise. A busy interval
 * without a completion is a silence (a bound on the capacity while it lasts; with the pool as the
 * source its cost is also carried into the next sample) when the utilization counts requests
 * (pool or concurrency); with CPU as the source it is left out, as is an idle one. The capacity
 * reported is the smaller of that and what the process's CPU allows ({@link CpuBound}, once the CPU
 * has been the limit). The rates shown are plain EWMAs on the same ticks.
 *
 * <p>When the utilization's source changes (CPU until the application's pool and timer show up,
 * for example) the estimate starts over: mixing two sources would report a capacity that neither
 * measures. A better source is taken at once; a worse one only after the better one has been
 * missing for {@value #DOWNGRADE_AFTER_TICKS} ticks in a row, because one sample without it (a
 * meter read that failed, an MBean that went away for a moment) must not throw away seconds of
 * history. A tick without the current source's inputs leaves everything as it was.
 */
final class CapacityEstimator {
    private static final AgentLog LOG = AgentLog.of(CapacityEstimator.class);
    static final int DOWNGRADE_AFTER_TICKS = 3;
    /**
     * A stall is left out only when it is the first for this long: one pause (a SIGSTOP, a rare full
     * GC) holds requests that were not slow, while pauses that keep coming (GC pressure, a starved
     * CPU) are how fast the server really is.
     */
    static final long STALL_ISOLATION_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Below it, a quiet server's background collections would weigh on too few requests. */
    static final double MIN_UTILIZATION_FOR_PAUSES = 0.05;

    private Ewma rps = new Ewma();
    private Ewma errors = new Ewma();
    private Ewma util = new Ewma();
    private Ewma pauseShare = new Ewma(); // of wall time in GC pauses, per sample
    private double pausedBefore = Double.NaN; // GC pause seconds at the last tick
    private CapacityFilter capacity = new CapacityFilter();
    private final CpuBound cpuBound = new CpuBound();
    private double throttledBefore = Double.NaN; // cgroup throttled seconds at the last tick
    private long lastTickNanos = Long.MIN_VALUE;
    private int samplesToSkip;
    private long lastStallNanos = Long.MIN_VALUE;
    private LoadModel.UtilizationSource source = LoadModel.UtilizationSource.NONE;
    private int ticksWithoutSource;
    private double inServiceBefore = Double.NaN; // requests in service / threads at the last tick
    private long samplesStalled; // left out of the capacity because the JVM stood still around them
    private long expiryNanos; // 0: a capacity stands until a sample changes it
    private long lastCompletionNanos = Long.MIN_VALUE;
    private boolean expiryLogged;
    private boolean starved;

    /**
     * An idle server's capacity is forgotten once no request has completed for {@code expiry}
     * (zero: never), so a weight that starves a recovered server of requests cannot hold it down.
     */
    void expiry(Duration expiry) {
        this.expiryNanos = expiry.toNanos();
    }

    Duration expiry() {
        return Duration.ofNanos(expiryNanos);
    }

    /**
     * Reads the raw rps, err_rate and utilization inputs of {@code s} and replaces them with the
     * smoothed rps, err_rate, util and the capacity.
     */
    void update(Map<String, Double> s, long nowNanos, long tauNanos) {
        update(s, nowNanos, tauNanos, false);
    }

    /**
     * The same; {@code stalled} says the JVM stood still just before this sample: when it is the
     * first stall for {@link #STALL_ISOLATION_NANOS}, it and the next sample are left out of the
     * capacity (their requests were held, not slow); a stall soon after another counts like any sample.
     */
    void update(Map<String, Double> s, long nowNanos, long tauNanos, boolean stalled) {
        if (stalled) {
            boolean isolated = lastStallNanos == Long.MIN_VALUE || nowNanos - lastStallNanos > STALL_ISOLATION_NANOS;
            lastStallNanos = nowNanos;
            if (isolated) {
                samplesToSkip = 2;
                capacity.forgetSilence();
                inServiceBefore = Double.NaN;
            }
        }
        double paused = LoadModel.get(s, GcOverheadSignal.PAUSED_SECONDS_TOTAL);
        s.remove(GcOverheadSignal.PAUSED_SECONDS_TOTAL);
        double throttled = LoadModel.get(s, CpuSignal.THROTTLED_SECONDS_TOTAL);
        s.remove(CpuSignal.THROTTLED_SECONDS_TOTAL);
        double rawRps = LoadModel.get(s, Signals.REQUESTS_PER_SECOND);
        double rawErrors = LoadModel.get(s, Signals.ERRORS_PER_SECOND);
        follow(LoadModel.utilizationSource(s));
        double rawUtil = LoadModel.utilization(s, source);
        // All three averages on the same ticks only: a tick that feeds one and not the other would
        // bias their ratio.
        // The capacity is a ratio, so the interval only says how many requests a sample holds (its
        // weight against noise); the first tick's is unknown: one second, the order of the default.
        double seconds = lastTickNanos == Long.MIN_VALUE ? 1.0 : (nowNanos - lastTickNanos) / 1e9;
        lastTickNanos = nowNanos;
        if (!Double.isNaN(rawRps) && !Double.isNaN(rawUtil)) {
            double errorRate = Double.isNaN(rawErrors) ? 0 : Math.max(0, rawErrors);
            rps.update(rawRps, nowNanos, tauNanos);
            util.update(rawUtil, nowNanos, tauNanos);
            errors.update(errorRate, nowNanos, tauNanos);
            if (!Double.isNaN(paused) && !Double.isNaN(pausedBefore) && seconds > 0) {
                pauseShare.update(Math.max(0, Math.min(1, (paused - pausedBefore) / seconds)), nowNanos, tauNanos);
            }
            if (samplesToSkip > 0) {
                samplesToSkip--;
                samplesStalled++;
                cpuBound.forgetSpan();
            } else if (seconds > 0) {
                cpuSample(s, rawRps, seconds, throttled, nowNanos, tauNanos);
                if (rawRps > 0) {
                    lastCompletionNanos = nowNanos;
                    double cost = rawUtil + errorRate / rawRps * LoadModel.ERROR_PENALTY;
                    capacity.update(rawRps * seconds, cost * seconds, nowNanos, tauNanos);
                } else if (rawRps == 0) {
                    silence(s, rawUtil, seconds);
                }
            }
        }
        throttledBefore = throttled;
        pausedBefore = paused;
        inServiceBefore = inService(s);
        // At most one completion (an idle probe's) and nothing in service: the balancer sends nothing.
        starved = inServiceBefore == 0 && rawRps >= 0 && rawRps * seconds < 1.5;
        expireIfIdle(rawRps, nowNanos, seconds);
        s.put(Signals.REQUESTS_PER_SECOND, Double.isNaN(rps.value()) ? rawRps : rps.value());
        // Without a request rate (no Micrometer) there is no capacity; the raw utilization still informs.
        double u = Double.isNaN(util.value()) ? LoadModel.utilization(s) : util.value();
        s.put(Signals.UTILIZATION, u);
        s.put(Signals.ERRORS_PER_SECOND, Double.isNaN(errors.value()) ? rawErrors : errors.value());
        double cpuCapacity = cpuBound.capacity();
        s.put(Signals.CAPACITY, lower(withPauses(capacity.capacity(), u), cpuCapacity));
        s.put(Signals.CAPACITY_CPU, cpuCapacity);
        // Why a capacity is slow to move, for an operator: the noise a change must stand out of,
        // and how many samples stalls took away.
        s.put(Signals.CAPACITY_NOISE, capacity.noise());
        s.put(Signals.SAMPLES_STALLED, (double) samplesStalled);
    }

    /**
     * The capacity the threads show is measured at today's GC pause share {@code g}; pauses stop
     * every thread and each request brings its allocation's share of them, so at full load they take
     * {@code g / u} of the time instead: {@code C = Cm / (1 + g (1/u - 1))} (equal to the measured
     * {@code Cm} at full utilization or without pauses). The lab's W3 (a full GC per request): the
     * threads alone read rs1 at 3.5 requests/s against 1.7 calibrated.
     */
    private double withPauses(double measured, double u) {
        double g = pauseShare.value();
        if (Double.isNaN(measured) || Double.isNaN(g) || g <= 0 || Double.isNaN(u) || u <= 0) {
            return measured;
        }
        double atMostFull = Math.max(MIN_UTILIZATION_FOR_PAUSES, Math.min(1, u));
        return measured / (1 + g * (1 / atMostFull - 1));
    }

    /**
     * Feeds the CPU bound: the process's CPU seconds ({@code cpu_process} is a share of all
     * {@code cpus}) against its {@code cpu_limit}, and whether its cgroup throttled it since the last tick.
     */
    private void cpuSample(Map<String, Double> s, double rawRps, double seconds, double throttled, long nowNanos,
            long tauNanos) {
        double cpuSeconds = LoadModel.get(s, Signals.CPU_PROCESS) * LoadModel.get(s, Signals.CPUS) * seconds;
        boolean wasThrottled = throttled > throttledBefore; // false while either is NaN
        cpuBound.update(rawRps * seconds, cpuSeconds, LoadModel.get(s, Signals.CPU_LIMIT), seconds, wasThrottled,
                nowNanos, tauNanos);
    }

    /** The smaller of two capacities, NaN read as no bound; NaN only when both are. */
    private static double lower(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    /**
     * An interval without a completion. The pool's busy threads book a slow request's time as it
     * passes: carried into the next sample. A timer books it at the completion (the next sample
     * holds it), so only the silence's bound counts it: the requests in service at the last tick, all
     * still in service now (none completed), were busy the whole interval. CPU is no request's cost.
     */
    private void silence(Map<String, Double> s, double rawUtil, double seconds) {
        double threads = LoadModel.get(s, Signals.POOL_MAX);
        if (source == LoadModel.UtilizationSource.POOL && rawUtil > 0) {
            capacity.silence(rawUtil * seconds, threads, true);
        } else if (source == LoadModel.UtilizationSource.CONCURRENCY && inServiceBefore > 0) {
            capacity.silence(inServiceBefore * seconds, threads, false);
        }
    }

    /**
     * Idle (nothing completed, nothing in service) for the expiry since the last completion: the level
     * is no longer known. Ticks are aligned, but a tick that ran a few milliseconds late must not make
     * the expiry wait one more interval: a quarter of the interval counts as on time.
     */
    private void expireIfIdle(double rawRps, long nowNanos, double intervalSeconds) {
        if (expiryNanos <= 0 || lastCompletionNanos == Long.MIN_VALUE || !(rawRps == 0) || inServiceBefore > 0) {
            return;
        }
        long slack = (long) (Math.max(0, intervalSeconds) * 1e9 / 4);
        if (nowNanos - lastCompletionNanos >= expiryNanos - slack && !Double.isNaN(capacity.capacity())) {
            capacity.forgetLevel();
            cpuBound.forget();
            // On by default and routine on a quiet server: said once at info, after that at debug.
            String message = "capacity: no request completed for " + (nowNanos - lastCompletionNanos) / 1_000_000
                    + " ms while idle: forgotten until requests measure it again (capacity-expiry)";
            if (expiryLogged) {
                LOG.debug(message);
            } else {
                expiryLogged = true;
                LOG.info(message + "; later expiries are logged at debug level");
            }
        }
    }

    /**
     * The last tick saw at most one completed request and none in service: the server gets no
     * traffic to speak of, and an idle probe (agent setting {@code idle-probe}) may measure it.
     */
    boolean starved() {
        return starved;
    }

    /** Requests in service / request threads now (the timer's active requests, else the pool's busy threads), NaN if unknown. */
    private static double inService(Map<String, Double> s) {
        double threads = LoadModel.get(s, Signals.POOL_MAX);
        double active = LoadModel.get(s, Signals.IN_FLIGHT);
        double busy = active >= 0 ? active : LoadModel.get(s, Signals.POOL_BUSY);
        return threads > 0 && busy >= 0 ? Math.min(1, busy / threads) : Double.NaN;
    }

    /** The source the averages are built on; see the class comment for when it changes. */
    LoadModel.UtilizationSource source() {
        return source;
    }

    private void follow(LoadModel.UtilizationSource best) {
        if (best == source) {
            ticksWithoutSource = 0;
            return;
        }
        // The enum lists the sources best first.
        boolean better = best.ordinal() < source.ordinal();
        if (!better && ++ticksWithoutSource < DOWNGRADE_AFTER_TICKS) {
            return;
        }
        if (best == LoadModel.UtilizationSource.NONE) {
            return; // nothing to switch to: keep the averages for when the source is back
        }
        LOG.info("capacity: utilization now from " + name(best) + (source == LoadModel.UtilizationSource.NONE
                ? "" : " (was " + name(source) + ", averages start over)"));
        source = best;
        ticksWithoutSource = 0;
        rps = new Ewma();
        errors = new Ewma();
        util = new Ewma();
        capacity = new CapacityFilter();
    }

    private static String name(LoadModel.UtilizationSource s) {
        switch (s) {
            case CONCURRENCY:
                return "mean concurrency / request threads";
            case POOL:
                return "busy / request threads of the pool";
            case CPU:
                return "process CPU";
            default:
                return "nothing";
        }
    }
}
