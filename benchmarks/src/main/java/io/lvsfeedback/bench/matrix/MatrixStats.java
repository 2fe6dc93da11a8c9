package io.lvsfeedback.bench.matrix;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The matrix report's arithmetic, free of I/O (tested in MatrixStatsTest). */
final class MatrixStats {
    private MatrixStats() {
    }

    /** Latency figures of a set of requests (ms; a failure counts as the time-out). */
    record Latency(long requests, long errors, double p50, double p99, double p999, double mean, double max, long[] perServer) {
        static final Latency NONE = new Latency(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, new long[3]);

        double share(int server) {
            long ok = Arrays.stream(perServer).sum();
            return ok == 0 ? Double.NaN : (double) perServer[server] / ok;
        }
    }

    static Latency latency(List<MatrixData.Request> requests) {
        if (requests.isEmpty()) {
            return Latency.NONE;
        }
        Histogram h = new Histogram(PhaseRecorder.MAX_MICROS, 3);
        long errors = 0;
        long[] servers = new long[3];
        for (MatrixData.Request r : requests) {
            h.recordValue(Math.max(1, Math.min(PhaseRecorder.MAX_MICROS, r.latencyUs())));
            if (!r.ok()) {
                errors++;
            } else {
                int i = serverIndex(r.server());
                if (i >= 0) {
                    servers[i]++;
                }
            }
        }
        return new Latency(h.getTotalCount(), errors, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMean() / 1000.0, h.getMaxValue() / 1000.0, servers);
    }

    /** rs1 -> 0, rs2 -> 1, rs3 -> 2, anything else -> -1. */
    static int serverIndex(String name) {
        return switch (name) {
            case "rs1" -> 0;
            case "rs2" -> 1;
            case "rs3" -> 2;
            default -> -1;
        };
    }

    /** A figure over the rounds: the pooled value and the per-round values (for the spread). */
    record Spread(double pooled, double[] rounds) {
        double min() {
            return Arrays.stream(rounds).filter(d -> !Double.isNaN(d)).min().orElse(Double.NaN);
        }

        double max() {
            return Arrays.stream(rounds).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
        }

        /** {@code 1.12 (0.95..1.30)}, or just the value with one round. */
        String format(String pattern) {
            if (Double.isNaN(pooled)) {
                return "-";
            }
            String p = String.format(Locale.ROOT, pattern, pooled);
            if (rounds.length < 2) {
                return p;
            }
            return p + " (" + String.format(Locale.ROOT, pattern, min()) + ".." + String.format(Locale.ROOT, pattern, max()) + ")";
        }
    }

    /** Ratios a / b: pooled and per round (rounds paired by index; NaN where either is missing or b is 0). */
    static Spread ratio(double pooledA, double[] a, double pooledB, double[] b) {
        double[] r = new double[Math.min(a.length, b.length)];
        for (int i = 0; i < r.length; i++) {
            r[i] = b[i] == 0 || Double.isNaN(a[i]) || Double.isNaN(b[i]) ? Double.NaN : a[i] / b[i];
        }
        return new Spread(pooledB == 0 ? Double.NaN : pooledA / pooledB, r);
    }

    /**
     * Share of the gap between the better equal-weight contender and the oracle that a contender
     * closes: (equal - x) / (equal - oracle); NaN when the oracle is not better than equal.
     */
    static double gapClosed(double equal, double oracle, double x) {
        double gap = equal - oracle;
        return gap > 0 ? (equal - x) / gap : Double.NaN;
    }

    static Spread gapClosed(Spread equal, Spread oracle, Spread x) {
        int n = Math.min(equal.rounds().length, Math.min(oracle.rounds().length, x.rounds().length));
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = gapClosed(equal.rounds()[i], oracle.rounds()[i], x.rounds()[i]);
        }
        return new Spread(gapClosed(equal.pooled(), oracle.pooled(), x.pooled()), r);
    }

    /** How a figure stands against its target. */
    enum Verdict {
        MET("met"), MISSED("**missed**"), UNRESOLVED("not resolvable"), UNKNOWN("no data");

        final String word;

        Verdict(String word) {
            this.word = word;
        }
    }

    /**
     * Target "at most {@code target}": met when every round is within it, missed when every round
     * exceeds it, not resolvable when the spread over rounds straddles it.
     */
    static Verdict atMost(Spread s, double target) {
        double lo = s.min();
        double hi = s.max();
        if (Double.isNaN(lo)) {
            return Verdict.UNKNOWN;
        }
        if (hi <= target) {
            return Verdict.MET;
        }
        if (lo > target) {
            return Verdict.MISSED;
        }
        return Verdict.UNRESOLVED;
    }

    /** Target "at least {@code target}", the mirror of {@link #atMost}. */
    static Verdict atLeast(Spread s, double target) {
        double lo = s.min();
        double hi = s.max();
        if (Double.isNaN(lo) || s.rounds().length > 0 && Arrays.stream(s.rounds()).anyMatch(Double::isNaN)) {
            return Double.isNaN(lo) ? Verdict.UNKNOWN : Verdict.UNRESOLVED;
        }
        if (lo >= target) {
            return Verdict.MET;
        }
        if (hi < target) {
            return Verdict.MISSED;
        }
        return Verdict.UNRESOLVED;
    }

    /**
     * Seconds from {@code t} until the weight has moved half-way from its value at {@code t} to
     * {@code settled}: the first sample past the half-way mark (so the true time lies within one
     * sampling interval before it). NaN when the weight does not move by at least {@code minMove};
     * +Infinity when it never gets half-way before {@code until}.
     */
    static double halfWaySeconds(List<MatrixData.Sample> samples, int server, long t, long until, double settled, double minMove) {
        double w0 = weightAt(samples, server, t);
        if (Double.isNaN(w0) || Double.isNaN(settled) || Math.abs(settled - w0) < minMove) {
            return Double.NaN;
        }
        double half = w0 + (settled - w0) / 2;
        boolean down = settled < w0;
        for (MatrixData.Sample s : samples) {
            if (s.ms() <= t || s.ms() > until || s.weight(server) < 0) {
                continue;
            }
            if (down ? s.weight(server) <= half : s.weight(server) >= half) {
                return (s.ms() - t) / 1000.0;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** The last sampled weight at or before {@code t}, NaN if none. */
    static double weightAt(List<MatrixData.Sample> samples, int server, long t) {
        double w = Double.NaN;
        for (MatrixData.Sample s : samples) {
            if (s.ms() > t) {
                break;
            }
            if (s.weight(server) >= 0) {
                w = s.weight(server);
            }
        }
        return w;
    }

    /** Median weight of the samples within [from, to), NaN if none. */
    static double medianWeight(List<MatrixData.Sample> samples, int server, long from, long to) {
        double[] w = samples.stream().filter(s -> s.ms() >= from && s.ms() < to && s.weight(server) >= 0)
                .mapToDouble(s -> s.weight(server)).sorted().toArray();
        return w.length == 0 ? Double.NaN : w[(w.length - 1) / 2];
    }

    /** Largest |w - w(from)| / w(from) within (from, to]: how far a weight strayed in a window. */
    static double largestMove(List<MatrixData.Sample> samples, int server, long from, long to) {
        double w0 = weightAt(samples, server, from);
        if (Double.isNaN(w0) || w0 <= 0) {
            return Double.NaN;
        }
        double max = 0;
        for (MatrixData.Sample s : samples) {
            if (s.ms() > from && s.ms() <= to && s.weight(server) >= 0) {
                max = Math.max(max, Math.abs(s.weight(server) - w0) / w0);
            }
        }
        return max;
    }

    /** Nearest-rank percentile (p in 0..100) of values; +Infinity counts as larger than all. */
    static double percentile(double[] values, double p) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * v.length);
        return v[Math.min(v.length - 1, Math.max(0, rank - 1))];
    }

    /** Busy share of the CPU between two samples (index 0: all CPUs, 1: cpu0, 2: cpu1). */
    static double cpuBusy(MatrixData.Sample a, MatrixData.Sample b, int which) {
        long busy = b.cpu()[2 * which] - a.cpu()[2 * which];
        long total = b.cpu()[2 * which + 1] - a.cpu()[2 * which + 1];
        return total <= 0 ? Double.NaN : (double) busy / total;
    }

    /** The median time between successive timeline samples, in seconds; 0.5 (the old fixed period) with fewer than two. */
    static double samplingSeconds(List<MatrixData.Sample> timeline) {
        if (timeline.size() < 2) {
            return 0.5;
        }
        double[] gaps = new double[timeline.size() - 1];
        for (int i = 1; i < timeline.size(); i++) {
            gaps[i - 1] = (timeline.get(i).ms() - timeline.get(i - 1).ms()) / 1000.0;
        }
        return percentile(gaps, 50);
    }
}
