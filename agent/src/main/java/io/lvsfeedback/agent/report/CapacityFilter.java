package io.lvsfeedback.agent.report;

/**
 * Turns per-interval capacity samples into the reported capacity: fast on a confirmed change,
 * deaf to one odd sample, the same speed in both directions, and no faster than the noise allows.
 *
 * <ol>
 *   <li><b>A sample per interval</b> with at least one completed request: its capacity
 *       {@code requests / utilization-seconds} and how many requests it holds.
 *   <li><b>Median of the last three samples</b>, in log space. One odd sample (a burst, a GC or
 *       safepoint pause, a frozen JVM) never gets through; a real change does as soon as two
 *       samples show it.
 *   <li><b>Jump or glide.</b> When the median is further than {@link #JUMP_FACTOR} from the
 *       estimate <em>and</em> further than {@link #JUMP_SIGMAS} standard errors of a sample of that
 *       many requests, two of three samples agree on a new level: take it at once (a server slowed
 *       x5 must not keep its traffic while an average catches up). Otherwise it glides: requests
 *       and their cost are averaged apart (EWMAs with the smoothing's time constant) and the
 *       capacity is their ratio, a traffic-weighted mean that stays unbiased with one request per
 *       sample (a mean of logs would not: with exponential service times it would rate a server
 *       that gets one request per sample 1.8 times higher than one that gets many).
 * </ol>
 * The standard error comes from the per-request variance of service time (relative to its mean),
 * learnt from the differences of successive samples (each difference clipped, so a real step does not teach it
 * that everything is noise). It starts at {@link #INITIAL_VARIANCE} (exponential service times):
 * until it has seen otherwise, a sample of one or two requests cannot make it jump. With service
 * times that barely vary, single requests are enough; with exponential ones, a jump needs tens.
 *
 * <p><b>Silence.</b> A busy interval without a completion ({@link #silence}) is not a sample of
 * its own, but its cost is real: where the source books busy time when it happens (the pool's busy
 * threads) it is carried into the next sample that has a completion, so a slow server (few
 * completions per interval) is not rated faster by the intervals it left out; where it books a
 * request's time at its completion (a timer's total) the completing sample holds it already. While
 * the silence lasts, it bounds the capacity: no completion in C utilization-seconds makes a capacity
 * above Z / C unlikely, with Z = max({@link #SILENCE_EVENTS}, request threads) x max(1, variance)
 * (three events: the 95 % upper bound of a Poisson rate after none, exponential service times at
 * saturation; as many as threads: k threads with steady service times in step are silent for one
 * service time, k / capacity; a learnt variance above an exponential's only widens it). The bound
 * takes effect from the second silent interval on (one odd interval never gets through), except
 * where the learnt service times are steady (variance at most {@link #STEADY_VARIANCE}): there
 * Z = threads and the first silent interval counts, because k threads busy through C without a
 * completion prove service times above C (a frozen JVM's interval is left out by the stall rule
 * before it gets here); this halves a x5 step's fall time at a few requests per interval. It is
 * continuous (it only bites once C > Z / estimate), and holds until one more sample has come in
 * after the silence, at the larger of Z / C and the sample that ended it, so the estimate does not
 * bounce back up while the median of three waits for the sample that confirms the new level.
 *
 * <p>Averages of a ratio's parts fall fast and rise slowly (a x5 cost step moves them as
 * 1/(1+4x)); the jump takes both big directions in two samples alike, so only changes under
 * {@link #JUMP_FACTOR} glide, where the asymmetry is small.
 */
final class CapacityFilter {
    static final double JUMP_FACTOR = 1.5;
    /** Requests in one sample, and requests per utilization-second, beyond which a sample is not believed. */
    static final double MAX_REQUESTS = 1e12;
    static final double MAX_RATE = 1e12;
    static final double MIN_RATE = 1e-12;
    static final double JUMP_SIGMAS = 3;
    /** Squared coefficient of variation of one request's service time, before any is learnt: an exponential's. */
    static final double INITIAL_VARIANCE = 1.0;
    /** Samples a noise estimate is averaged over. */
    private static final double NOISE_SAMPLES = 20;
    private static final double JUMP_LOG = Math.log(JUMP_FACTOR);
    /** Completions a silence must have missed before it bounds the capacity: a Poisson rate's 95 % bound after none. */
    static final double SILENCE_EVENTS = 3;
    /** Silent intervals in a row before the silence bounds the capacity. */
    static final int SILENT_INTERVALS_TO_BOUND = 2;
    /**
     * Service times this steady (a coefficient of variation of 0.5 or less, learnt) cannot all
     * outlast an interval by chance: each thread busy through C utilization-seconds without a
     * completion means service times above C, so capacity below threads / C, from the first
     * silent interval (a frozen JVM's is left out by the stall rule).
     */
    static final double STEADY_VARIANCE = 0.25;

    private final double[] recent = new double[3];
    private final double[] counts = new double[3];
    private int recentCount;
    private Ewma requestAverage = new Ewma();
    private Ewma costAverage = new Ewma();
    private double variance = INITIAL_VARIANCE; // a sample of n requests has n times less in its log
    private double silentCost; // utilization-seconds of busy intervals without a completion, since the last sample
    private double carriedCost; // the part of it no sample holds yet
    private int silentIntervals;
    private double silentThreads = 1;
    private double heldBound = Double.POSITIVE_INFINITY; // the last silence's bound, until one more sample

    /**
     * One interval's measurements: {@code requests} completed, and the utilization-seconds they
     * cost ({@code (util + err_rate / rps * penalty) * seconds}). Returns the capacity now, NaN
     * before the first sample.
     */
    double update(double requests, double costSeconds, long nowNanos, long tauNanos) {
        double cost = costSeconds + carriedCost;
        double rate = requests / cost;
        // Far outside any server's range (broken or hostile signals) is no sample: its log, or the
        // averages' ratio, would over- or underflow and poison the estimate for good.
        if (requests > 0 && requests <= MAX_REQUESTS && costSeconds > 0 && Double.isFinite(costSeconds)
                && rate >= MIN_RATE && rate <= MAX_RATE) {
            double bound = silenceBound();
            silentCost = 0;
            carriedCost = 0;
            silentIntervals = 0;
            heldBound = Double.isFinite(bound) ? Math.max(bound, rate) : Double.POSITIVE_INFINITY;
            accept(Math.log(rate), requests, nowNanos, tauNanos);
        }
        return capacity();
    }

    /**
     * One busy interval in which no request completed: {@code costSeconds} utilization-seconds on
     * {@code threads} request threads; {@code carried}: the next sample's cost does not hold them yet.
     * Returns the capacity now, NaN before the first sample.
     */
    double silence(double costSeconds, double threads, boolean carried) {
        if (costSeconds > 0 && Double.isFinite(costSeconds)) {
            silentCost += costSeconds;
            carriedCost += carried ? costSeconds : 0;
            silentIntervals++;
            silentThreads = threads >= 1 && Double.isFinite(threads) ? threads : 1;
        }
        return capacity();
    }

    /** Forgets a silence in progress and its bound: the interval that ends it was held up, not slow. */
    void forgetSilence() {
        silentCost = 0;
        carriedCost = 0;
        silentIntervals = 0;
        heldBound = Double.POSITIVE_INFINITY;
    }

    /**
     * Forgets the level and the recent samples, keeps the learnt noise: the capacity is unknown (NaN)
     * until the next sample, which sets a new level.
     */
    void forgetLevel() {
        forgetSilence();
        recentCount = 0;
        requestAverage = new Ewma();
        costAverage = new Ewma();
    }

    /**
     * The capacity: the estimate, bounded by a silence in progress or just ended. Without an estimate
     * (none yet, or forgotten by the expiry) a silence's bound is all that is known, and it is
     * reported: a forgotten server that is probed and found busy without completing anything must
     * not keep the mean weight until its first slow request completes.
     */
    double capacity() {
        double bound = Math.min(heldBound, silenceBound());
        double estimate = estimate();
        if (Double.isNaN(estimate)) {
            return Double.isInfinite(bound) ? Double.NaN : bound;
        }
        return Math.min(estimate, bound);
    }

    /** The capacity no silence in progress allows to exceed; infinite without one. */
    double silenceBound() {
        boolean steady = variance <= STEADY_VARIANCE;
        if (silentIntervals < (steady ? 1 : SILENT_INTERVALS_TO_BOUND) || silentCost <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double events = steady ? silentThreads : Math.max(SILENCE_EVENTS, silentThreads);
        return events * Math.max(1, variance) / silentCost;
    }

    private double estimate() {
        double r = requestAverage.value();
        double c = costAverage.value();
        return Double.isNaN(r) || Double.isNaN(c) ? Double.NaN : r / c;
    }

    /** Coefficient of variation of one request's service time, as learnt so far. */
    double noise() {
        return Math.sqrt(variance);
    }

    private void accept(double logSample, double n, long nowNanos, long tauNanos) {
        if (recentCount > 0) {
            learnNoise(recent[recentCount - 1], counts[recentCount - 1], logSample, n);
        }
        if (recentCount == recent.length) {
            System.arraycopy(recent, 1, recent, 0, recent.length - 1);
            System.arraycopy(counts, 1, counts, 0, counts.length - 1);
            recentCount--;
        }
        recent[recentCount] = logSample;
        counts[recentCount] = n;
        recentCount++;
        double before = estimate();
        double glide = logSample;
        if (!Double.isNaN(before)) {
            // Beyond the jump bound a sample is either a new level (the next one confirms it and the
            // estimate jumps) or an outlier: either way it glides in at the bound, so one frozen
            // tick moves the estimate by a fraction of the bound, not of its own size.
            double bound = jumpBound(n);
            double center = Math.log(before);
            glide = Math.max(center - bound, Math.min(center + bound, logSample));
        }
        requestAverage.update(n, nowNanos, tauNanos);
        costAverage.update(n / Math.exp(glide), nowNanos, tauNanos);
        if (recentCount == recent.length && !Double.isNaN(before)) {
            double median = median();
            // The median's agreeing samples hold at least the smallest count of the three.
            double fewest = Math.min(counts[0], Math.min(counts[1], counts[2]));
            if (Math.abs(median - Math.log(before)) >= jumpBound(fewest)) {
                costAverage.set(requestAverage.value() / Math.exp(median)); // the new level, at once
            }
        }
    }

    /** How far (in log) a sample of n requests must be from the estimate to count as a change. */
    private double jumpBound(double n) {
        return Math.max(JUMP_LOG, JUMP_SIGMAS * Math.sqrt(variance / n));
    }

    /**
     * Two successive samples of n1 and n2 requests differ by noise of variance v (1/n1 + 1/n2) when
     * nothing changed; a difference beyond three times the current estimate counts as three times,
     * so a step moves the estimate a little and its size does not.
     */
    private void learnNoise(double previous, double previousCount, double sample, double count) {
        double scale = 1 / previousCount + 1 / count;
        double d2 = (sample - previous) * (sample - previous) / scale;
        double observed = Math.min(d2, 9 * variance);
        variance += (observed - variance) / NOISE_SAMPLES;
        variance = Math.max(variance, 1e-6);
    }

    private double median() {
        double a = recent[0];
        double b = recent[1];
        double c = recent[2];
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
