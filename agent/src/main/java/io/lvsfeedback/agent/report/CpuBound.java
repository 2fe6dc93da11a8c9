package io.lvsfeedback.agent.report;

/**
 * The capacity the process's CPU allows: requests per second of CPU the process may use
 * ({@code cpu_limit}: its cgroup quota, else its processors), measured only where the CPU is what
 * holds it back.
 *
 * <p>Why the threads alone overstate a CPU-starved server: with one request in service on four
 * threads, the thread utilization is a quarter, so the capacity reads four times the rate; the three
 * idle threads would add nothing, because every request waits for the same share of a CPU (the lab's
 * W5 at 5 % of a CPU: 1.4-1.9 requests/s reported against 0.40 true).
 *
 * <p>A sample spans the intervals since the last completion (a request's CPU is booked as it is
 * used, so intervals without a completion carry theirs into the next sample). It is
 * {@code requests / (cpu seconds / limit)}. Where the process used at least {@link #SATURATED} of
 * its limit, or its cgroup throttled it, that is the capacity: the CPU is the bottleneck and the rate
 * is what it yields. Elsewhere it is only a lower bound (the CPU the process burns without requests
 * counts against them), so it can raise the estimate and never lower it. The samples go through a
 * {@link CapacityFilter} like the threads' (median of three, jumps on confirmed changes). Until a
 * saturated sample has come, there is no bound (NaN): CPU has not been the limit.
 */
final class CpuBound {
    /** Used CPU at or above this share of the limit: the CPU is what limits the rate. */
    static final double SATURATED = 0.9;

    private CapacityFilter filter = new CapacityFilter();
    private boolean bound; // a saturated sample has been taken since the last reset
    private double requests;
    private double cpuSeconds;
    private double limitSeconds; // limit CPUs x wall seconds over the span
    private double spanSeconds;
    private boolean throttled;

    /**
     * One interval: {@code requests} completed, {@code cpuSeconds} of CPU used by the process, out of
     * {@code limitCpus} CPUs over {@code seconds}; {@code throttled}: its cgroup throttled it during
     * the interval. Unknown inputs (NaN, non-positive limit) end the span without a sample.
     */
    void update(double requests, double cpuSeconds, double limitCpus, double seconds, boolean throttled,
            long nowNanos, long tauNanos) {
        if (!(requests >= 0) || !(cpuSeconds >= 0) || !(limitCpus > 0) || !(seconds > 0)
                || !Double.isFinite(requests + cpuSeconds + limitCpus + seconds)) {
            forgetSpan();
            return;
        }
        this.requests += requests;
        this.cpuSeconds += cpuSeconds;
        this.limitSeconds += limitCpus * seconds;
        this.spanSeconds += seconds;
        this.throttled |= throttled;
        if (!Double.isFinite(this.requests + this.cpuSeconds + this.limitSeconds)) {
            forgetSpan(); // sums of extreme inputs overflowed: nothing to measure
            return;
        }
        if (this.requests <= 0 || this.cpuSeconds <= 0) {
            return;
        }
        // In seconds of the whole limit (the span's mean), the unit of the filter's utilization-seconds.
        double fullCpuSeconds = this.cpuSeconds / (this.limitSeconds / this.spanSeconds);
        double sample = this.requests / fullCpuSeconds;
        boolean saturated = this.throttled || this.cpuSeconds >= SATURATED * this.limitSeconds;
        if (saturated) {
            filter.update(this.requests, fullCpuSeconds, nowNanos, tauNanos);
            bound = true;
        } else if (bound && sample > filter.capacity()) {
            filter.update(this.requests, fullCpuSeconds, nowNanos, tauNanos); // the estimate was too low
        }
        forgetSpan();
    }

    /** Requests per second the CPU allows; NaN while the CPU has not been the limit. */
    double capacity() {
        return bound ? filter.capacity() : Double.NaN;
    }

    /** Ends the span in progress without a sample: its intervals were held up, not slow. */
    void forgetSpan() {
        requests = 0;
        cpuSeconds = 0;
        limitSeconds = 0;
        spanSeconds = 0;
        throttled = false;
    }

    /** Forgets the level: the next saturated sample sets a new one. */
    void forget() {
        forgetSpan();
        filter = new CapacityFilter();
        bound = false;
    }
}
