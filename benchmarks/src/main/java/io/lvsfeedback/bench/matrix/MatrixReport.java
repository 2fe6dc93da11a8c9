package io.lvsfeedback.bench.matrix;

import io.lvsfeedback.bench.cli.Bounds;
import io.lvsfeedback.bench.matrix.MatrixData.Event;
import io.lvsfeedback.bench.matrix.MatrixData.Phase;
import io.lvsfeedback.bench.matrix.MatrixData.Request;
import io.lvsfeedback.bench.matrix.MatrixData.Sample;
import io.lvsfeedback.bench.matrix.MatrixStats.Latency;
import io.lvsfeedback.bench.matrix.MatrixStats.Spread;
import io.lvsfeedback.bench.matrix.MatrixStats.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Reads a matrix run's results directory and writes {@code summary.md} (tables, ratios with their
 * spread over rounds, issue 12's targets: met / missed / not resolvable) and one SVG per workload.
 *
 */
public final class MatrixReport {
    private static final Map<String, String> TITLES = Map.of(
            "W1", "unequal capacities 1:2:4 by parallelism, short requests",
            "W2", "one server's cost x5 for a while, then back",
            "W3", "one server under GC pressure",
            "W4", "long-lived keep-alive connections",
            "W5", "CPU stolen from one server by a process outside the JVM");
    /** Issue 12 item 2: p99 at most this x the oracle's. */
    private static final Map<String, Double> ORACLE_TARGET = Map.of("W1", 1.1, "W2", 1.3, "W3", 1.3, "W5", 1.3);

    private final MatrixData data;
    private final long timeoutMs;
    private final double controlRatio;
    private final StringBuilder md = new StringBuilder();
    private final List<String> warnings = new ArrayList<>();
    private double largestP999 = 0;
    private String largestP999Phase = "-";
    private Map<String, PortReuse.Tally> reuse;
    private long reuseWindowS;

    private MatrixReport(MatrixData data, long timeoutMs, double controlRatio) {
        this.data = data;
        this.timeoutMs = timeoutMs;
        this.controlRatio = controlRatio;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Command()).execute(args));
    }

    /** The command line: the results directory and the two figures the verdicts depend on. */
    @CommandLine.Command(name = "MatrixReport", showDefaultValues = true,
            description = "Writes summary.md and one SVG per workload into a matrix run's results directory.")
    static final class Command implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print the options and their defaults")
        boolean help;

        @Parameters(index = "0", paramLabel = "DIR", description = "the run's results directory (phases.tsv, ...)")
        Path dir;

        @Option(names = "timeout-ms", description = "the client's time-out: what a failed request counted as")
        long timeoutMs = 60_000;

        @Option(names = "control-ratio", description = "the oracle p99 / equal p99 a workload must reach to test anything, (0, 1]")
        double controlRatio = 0.8;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Bounds.within(spec, "timeout-ms", timeoutMs, 1, 3_600_000);
            Bounds.positive(spec, "control-ratio", controlRatio, 1);
            MatrixReport r = new MatrixReport(MatrixData.read(dir), timeoutMs, controlRatio);
            String text = r.render();
            Files.writeString(dir.resolve("summary.md"), text, StandardCharsets.UTF_8);
            System.out.print(text);
            return 0;
        }
    }

    /** One contender of a workload: its figures pooled over the rounds and per round. */
    record Row(String contender, Latency pooled, Latency[] rounds, double[] cpu) {
        Spread spread(ToDoubleFunction<Latency> f) {
            double[] r = new double[rounds.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = rounds[i] == null ? Double.NaN : f.applyAsDouble(rounds[i]);
            }
            return new Spread(f.applyAsDouble(pooled), r);
        }
    }

    String render() throws IOException {
        Set<String> workloads = new LinkedHashSet<>();
        data.phases.forEach(p -> workloads.add(p.workload()));
        Path machine = data.dir.resolve("machine.txt");
        md.append("## Workload matrix (issue 12)\n\n");
        if (Files.exists(machine)) {
            md.append("Machine (inside the guest):\n\n```\n").append(Files.readString(machine).trim()).append("\n```\n\n");
        }
        md.append("Settings: ").append(settingsLine()).append("\n\n");
        StringBuilder body = new StringBuilder();
        StringBuilder saved = new StringBuilder(md);
        md.setLength(0);
        for (String w : workloads) {
            workload(w);
        }
        body.append(md);
        md.setLength(0);
        md.append(saved);
        md.append(String.format(Locale.ROOT, "Client time-out %.0f s (a failed request counts as this long); the largest p99.9 of any"
                        + " phase is %.2f s (%s), %s.\n\n", timeoutMs / 1000.0, largestP999 / 1000, largestP999Phase,
                largestP999 * 2 <= timeoutMs ? "so no percentile shown is capped by the time-out"
                        : "**not well below the time-out: percentiles at or near it are capped**"));
        md.append(body);
        if (!warnings.isEmpty()) {
            md.append("### Warnings\n\n");
            warnings.forEach(x -> md.append("- ").append(x).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }

    private String settingsLine() {
        StringBuilder b = new StringBuilder();
        for (String k : List.of("ROUNDS", "PHASE", "LEAD", "GAP", "BRIDGE_MODE", "BRIDGE_SET", "AGENT_EXTRA")) {
            if (data.settings.containsKey(k)) {
                b.append('`').append(k).append('=').append(data.settings.get(k)).append("` ");
            }
        }
        return b.toString().trim();
    }

    private void workload(String w) throws IOException {
        List<Phase> phases = data.phases.stream().filter(p -> p.workload().equals(w)).toList();
        int rounds = phases.stream().mapToInt(Phase::round).max().orElse(1);
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String c : phases.stream().map(Phase::contender).distinct().toList()) {
            Latency[] perRound = new Latency[rounds];
            double[] cpu = new double[rounds];
            java.util.Arrays.fill(cpu, Double.NaN);
            List<Request> pooled = new ArrayList<>();
            for (Phase p : phases) {
                if (!p.contender().equals(c)) {
                    continue;
                }
                List<Request> rq = data.requests(p, p.from(), p.to(), timeoutMs);
                perRound[p.round() - 1] = MatrixStats.latency(rq);
                pooled.addAll(rq);
                List<Sample> s = data.samples(p.from(), p.to());
                if (s.size() >= 2) {
                    cpu[p.round() - 1] = MatrixStats.cpuBusy(s.get(0), s.get(s.size() - 1), 0);
                }
                double p999 = perRound[p.round() - 1].p999();
                if (!Double.isNaN(p999) && p999 > largestP999) {
                    largestP999 = p999;
                    largestP999Phase = w + " round " + p.round() + " " + c;
                }
            }
            rows.put(c, new Row(c, MatrixStats.latency(pooled), perRound, cpu));
        }
        String oracle = better(rows, "wrr-oracle", "wlc-oracle");
        String equal = better(rows, "wrr-equal", "wlc-equal");
        md.append("### ").append(w).append(": ").append(TITLES.getOrDefault(w, "")).append("\n\n");
        for (Event e : data.events) {
            if (e.workload().equals(w) && (e.what().equals("workload") || e.what().equals("calibration"))) {
                md.append("- ").append(e.what()).append(": `").append(e.detail()).append("`\n");
            }
        }
        double perPhase = rows.values().stream().flatMap(r -> java.util.Arrays.stream(r.rounds()))
                .filter(l -> l != null).mapToLong(Latency::requests).average().orElse(0);
        long n = Math.round(perPhase);
        md.append(String.format(Locale.ROOT, "- resolution: %d measured requests per phase and round (%d pooled over %d rounds): "
                        + "p99 of one round is its %s slowest request, p99.9 its %s; pooled, p99 is the %s slowest.\n",
                n, n * rounds, rounds, ordinal(n, 99), ordinal(n, 99.9), ordinal(n * rounds, 99)));
        md.append("- references: oracle = ").append(oracle == null ? "none" : "`" + oracle + "`")
                .append(", better equal = ").append(equal == null ? "none" : "`" + equal + "`")
                .append(" (the lower p99 over all rounds). Ratios: pooled over the rounds, (min..max) of the per-round ratios.\n\n");
        md.append("| contender | p50 ms | p99 ms | p99.9 ms | mean ms | errors | share rs1/rs2/rs3 % | p50 / oracle | p99 / oracle "
                + "| p99.9 / oracle | p50 / better equal | p99 / better equal | guest CPU % |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows.values()) {
            Latency l = r.pooled();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d / %d | %.0f / %.0f / %.0f | %s | %s | %s | %s | %s | %s |\n",
                    r.contender(), r.spread(Latency::p50).format("%.0f"), r.spread(Latency::p99).format("%.0f"),
                    r.spread(Latency::p999).format("%.0f"), r.spread(Latency::mean).format("%.0f"), l.errors(), l.requests(),
                    100 * l.share(0), 100 * l.share(1), 100 * l.share(2),
                    ratio(r, rows.get(oracle), Latency::p50), ratio(r, rows.get(oracle), Latency::p99),
                    ratio(r, rows.get(oracle), Latency::p999), ratio(r, rows.get(equal), Latency::p50),
                    ratio(r, rows.get(equal), Latency::p99), cpuText(r.cpu())));
        }
        md.append('\n');
        portReuse(w, phases);
        control(w, rows, oracle, equal);
        targets(w, rows, oracle, equal);
        if (w.equals("W2")) {
            convergence(phases);
        }
        svg(w, phases);
        md.append("![").append(w).append("](").append(w).append(".svg)\n\n");
    }

    /** Per contender: connections that met an earlier connection's IPVS entry, and where they went. */
    private void portReuse(String w, List<Phase> phases) throws IOException {
        if (reuse == null) {
            long windowS = Long.parseLong(data.settings.getOrDefault("IPVS_FIN_TIMEOUT_S", "120"));
            reuse = PortReuse.tally(PortReuse.read(data.dir.resolve("ports")), windowS * 1000);
            reuseWindowS = windowS;
        }
        Map<String, PortReuse.Tally> byContender = new LinkedHashMap<>();
        for (Phase p : phases) {
            PortReuse.Tally t = reuse.get(p.raw().replaceFirst("^raw/", ""));
            if (t != null) {
                byContender.merge(p.contender(), t, PortReuse.Tally::plus);
            }
        }
        if (byContender.isEmpty()) {
            return;
        }
        md.append(String.format(Locale.ROOT, "Source-port reuse (`conn_reuse_mode=%s`): connections from a port another one used"
                + " less than %d s (the FIN_WAIT time-out) before, which meet its IPVS entry; how many reached the same server,"
                + " against how many fresh scheduling would send there:\n\n", data.settings.getOrDefault("CONN_REUSE_MODE", "?"),
                reuseWindowS));
        for (Map.Entry<String, PortReuse.Tally> e : byContender.entrySet()) {
            PortReuse.Tally t = e.getValue();
            md.append(String.format(Locale.ROOT, "- %s: %d of %d connections (%.0f %%), %d to the same server (%.0f expected)\n",
                    e.getKey(), t.reused(), t.connections(), 100.0 * t.reused() / Math.max(1, t.connections()), t.sameServer(),
                    t.expectedSame()));
            if (t.reused() >= 20 && t.sameServer() > 0.9 * t.reused() && t.sameServer() > t.expectedSame() + 0.2 * t.reused()) {
                warnings.add(w + " " + e.getKey() + ": " + t.sameServer() + " of " + t.reused() + " connections on a reused source"
                        + " port went to the same server as before: they bypassed the scheduler (set net.ipv4.vs.conn_reuse_mode=2)");
            }
        }
        md.append('\n');
    }

    /**
     * {@code r} is slower than {@code s} on this figure pooled by more than 1 % and in every round
     * both ran: a difference the rounds' spread resolves, not a rounding.
     */
    private static boolean losesEveryRound(Row r, Row s, ToDoubleFunction<Latency> f) {
        if (!(f.applyAsDouble(r.pooled()) > 1.01 * f.applyAsDouble(s.pooled()))) {
            return false;
        }
        int compared = 0;
        for (int i = 0; i < Math.min(r.rounds().length, s.rounds().length); i++) {
            if (r.rounds()[i] == null || s.rounds()[i] == null) {
                continue;
            }
            if (!(f.applyAsDouble(r.rounds()[i]) > f.applyAsDouble(s.rounds()[i]))) {
                return false;
            }
            compared++;
        }
        return compared > 0;
    }

    private static String ordinal(long n, double pct) {
        if (n <= 0) {
            return "-";
        }
        long k = n - (long) Math.ceil(pct / 100 * n) + 1;
        if (k == 1) {
            return "1st (the worst)";
        }
        String suffix = k % 100 >= 11 && k % 100 <= 13 ? "th" : k % 10 == 1 ? "st" : k % 10 == 2 ? "nd" : k % 10 == 3 ? "rd" : "th";
        return k + suffix;
    }

    private static String cpuText(double[] cpu) {
        double lo = java.util.Arrays.stream(cpu).filter(d -> !Double.isNaN(d)).min().orElse(Double.NaN);
        double hi = java.util.Arrays.stream(cpu).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
        if (Double.isNaN(lo)) {
            return "-";
        }
        return lo == hi ? String.format(Locale.ROOT, "%.0f", 100 * lo) : String.format(Locale.ROOT, "%.0f..%.0f", 100 * lo, 100 * hi);
    }

    private static String better(Map<String, Row> rows, String a, String b) {
        Row ra = rows.get(a);
        Row rb = rows.get(b);
        if (ra == null) {
            return rb == null ? null : b;
        }
        if (rb == null) {
            return a;
        }
        return rb.pooled().p99() < ra.pooled().p99() ? b : a;
    }

    private static String ratio(Row r, Row ref, ToDoubleFunction<Latency> f) {
        if (ref == null) {
            return "-";
        }
        Spread a = r.spread(f);
        Spread b = ref.spread(f);
        return MatrixStats.ratio(a.pooled(), a.rounds(), b.pooled(), b.rounds()).format("%.2f");
    }

    private Spread p99Ratio(Row r, Row ref) {
        Spread a = r.spread(Latency::p99);
        Spread b = ref.spread(Latency::p99);
        return MatrixStats.ratio(a.pooled(), a.rounds(), b.pooled(), b.rounds());
    }

    private void control(String w, Map<String, Row> rows, String oracle, String equal) {
        if (oracle == null || equal == null) {
            md.append("Control: no oracle or no equal-weight contender in this run.\n\n");
            return;
        }
        Spread s = p99Ratio(rows.get(oracle), rows.get(equal));
        Verdict v = MatrixStats.atMost(s, controlRatio);
        boolean needed = !w.equals("W4");
        String text = String.format(Locale.ROOT, "Control: oracle p99 / better equal p99 = %s, target at most %.2f: %s",
                s.format("%.2f"), controlRatio, v.word);
        if (needed && v != Verdict.MET) {
            String msg = w + " DOES NOT TEST ANYTHING in this run: the oracle does not beat the better equal-weight contender by a clear"
                    + " margin (" + s.format("%.2f") + ", must be at most " + controlRatio + " in every round)";
            warnings.add(msg);
            System.err.println("WARNING: " + msg);
            text += ". **" + w + " does not test anything here.**";
        } else if (needed) {
            text += ": the workload tests something.";
        } else {
            text += " (W4 needs no control: least-connection is expected to be strong).";
        }
        md.append(text).append("\n\n");
    }

    private void targets(String w, Map<String, Row> rows, String oracle, String equal) {
        List<String> lines = new ArrayList<>();
        for (Row r : rows.values()) {
            if (!r.contender().startsWith("lvsfb")) {
                continue;
            }
            String c = "`" + r.contender() + "`";
            if (w.equals("W4")) {
                Row wlc = rows.get("wlc-equal");
                if (wlc != null) {
                    Spread s = p99Ratio(r, wlc);
                    lines.add(String.format(Locale.ROOT, "%s p99 / wlc-equal %s, target at most 1.1: %s", c, s.format("%.2f"),
                            MatrixStats.atMost(s, 1.1).word));
                }
            } else if (ORACLE_TARGET.containsKey(w) && oracle != null) {
                double t = ORACLE_TARGET.get(w);
                Spread s = p99Ratio(r, rows.get(oracle));
                lines.add(String.format(Locale.ROOT, "%s p99 / oracle %s, target at most %.1f: %s", c, s.format("%.2f"), t,
                        MatrixStats.atMost(s, t).word));
                if (equal != null) {
                    Spread g = MatrixStats.gapClosed(rows.get(equal).spread(Latency::p99), rows.get(oracle).spread(Latency::p99),
                            r.spread(Latency::p99));
                    lines.add(String.format(Locale.ROOT, "%s closes %s of the p99 gap between %s and %s, target at least 0.70: %s",
                            c, g.format("%.2f"), equal, oracle, MatrixStats.atLeast(g, 0.7).word));
                    Spread e = p99Ratio(r, rows.get(equal));
                    lines.add(String.format(Locale.ROOT, "%s never worse than %s: p99 ratio %s, target at most 1.0: %s", c, equal,
                            e.format("%.2f"), MatrixStats.atMost(e, 1.0).word));
                }
                Row o = rows.get(oracle);
                double[] d = new double[r.rounds().length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = r.rounds()[i] == null || o.rounds()[i] == null ? Double.NaN : r.rounds()[i].errors() - o.rounds()[i].errors();
                }
                Spread errs = new Spread(r.pooled().errors() - o.pooled().errors(), d);
                lines.add(String.format(Locale.ROOT, "%s errors %d against the oracle's %d (difference per round %s), target no more: %s",
                        c, r.pooled().errors(), o.pooled().errors(), errs.format("%.0f"), MatrixStats.atMost(errs, 0).word));
            }
            for (Row s : rows.values()) {
                if (s.contender().startsWith("lvsfb")) {
                    continue;
                }
                boolean winsP99 = r.pooled().p99() < s.pooled().p99();
                boolean losesMedian = losesEveryRound(r, s, Latency::p50);
                boolean losesMean = losesEveryRound(r, s, Latency::mean);
                if (winsP99 && (losesMedian || losesMean)) {
                    lines.add(String.format(Locale.ROOT, "%s wins p99 against `%s` (%.0f < %.0f ms) but loses the %s (p50 %.0f vs %.0f ms, mean %.0f vs %.0f ms)",
                            c, s.contender(), r.pooled().p99(), s.pooled().p99(), losesMedian && losesMean ? "median and the mean"
                                    : losesMedian ? "median" : "mean", r.pooled().p50(), s.pooled().p50(), r.pooled().mean(), s.pooled().mean()));
                }
            }
        }
        if (!lines.isEmpty()) {
            md.append("Targets (issue 12 item 2):\n\n");
            lines.forEach(l -> md.append("- ").append(l).append('\n'));
            md.append('\n');
        }
    }

    private void convergence(List<Phase> phases) {
        long window = 1000L * Long.parseLong(data.settings.getOrDefault("PAUSE_WINDOW", "10"));
        double sampling = MatrixStats.samplingSeconds(data.timeline);
        List<String> lines = new ArrayList<>();
        for (String c : phases.stream().filter(Phase::lvsfb).map(Phase::contender).distinct().toList()) {
            List<Double> up = new ArrayList<>();
            List<Double> down = new ArrayList<>();
            List<String> pauses = new ArrayList<>();
            for (Phase p : phases) {
                if (!p.contender().equals(c)) {
                    continue;
                }
                List<Event> ev = data.events.stream().filter(e -> e.workload().equals("W2") && e.contender().equals(c)
                        && e.round().equals(String.valueOf(p.round()))).toList();
                Event stepUp = ev.stream().filter(e -> e.what().equals("step-up")).findFirst().orElse(null);
                Event stepDown = ev.stream().filter(e -> e.what().equals("step-down")).findFirst().orElse(null);
                Event pause = ev.stream().filter(e -> e.what().equals("pause")).findFirst().orElse(null);
                List<Sample> s = data.samples(p.leadFrom() - 5000, p.to() + 3 * window);
                if (stepUp != null && stepDown != null) {
                    double settled = MatrixStats.medianWeight(s, 0, stepDown.ms() - 5000, stepDown.ms());
                    up.add(MatrixStats.halfWaySeconds(s, 0, stepUp.ms(), stepDown.ms(), settled, 2));
                    double back = MatrixStats.medianWeight(s, 0, p.to() - 5000, p.to());
                    down.add(MatrixStats.halfWaySeconds(s, 0, stepDown.ms(), p.to(), back, 2));
                }
                if (pause != null) {
                    double control = MatrixStats.largestMove(s, 1, pause.ms() - window, pause.ms());
                    double moved = MatrixStats.largestMove(s, 1, pause.ms(), pause.ms() + window);
                    pauses.add(String.format(Locale.ROOT, "round %d: %.1f %% (control window %.1f %%)", p.round(), 100 * moved, 100 * control));
                }
            }
            lines.add(halfWayLine(c, "overload (weight falls)", up, sampling));
            lines.add(halfWayLine(c, "recovery (weight rises)", down, sampling));
            if (!pauses.isEmpty()) {
                boolean all = pauses.stream().allMatch(x -> Double.parseDouble(x.replaceAll("round \\d+: ([0-9.]+) %.*", "$1")) < 10);
                lines.add(String.format(Locale.ROOT, "`%s` 200 ms SIGSTOP of rs2, largest move of its weight in the %d s after it: %s;"
                        + " target under 10 %%: %s", c, window / 1000, String.join(", ", pauses), all ? "met" : "**missed**"));
            }
        }
        String every = String.format(Locale.ROOT, "%.1f", sampling);
        md.append("Convergence (kernel weight of rs1 sampled every " + every + " s; half-way = first sample past half of the move from"
                + " the weight at the step to the median of the last 5 s before the next change; a time t means the true one"
                + " lies in (t - " + every + ", t]):\n\n");
        lines.forEach(l -> md.append("- ").append(l).append('\n'));
        md.append('\n');
    }

    /** {@code sampling}: seconds between timeline samples; a p95 within one of the target cannot be told from it. */
    private static String halfWayLine(String c, String what, List<Double> values, double sampling) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        double p95 = MatrixStats.percentile(v, 95);
        double med = MatrixStats.percentile(v, 50);
        Verdict verdict = Double.isNaN(p95) ? Verdict.UNKNOWN : p95 <= 2 ? Verdict.MET : p95 - sampling > 2 ? Verdict.MISSED : Verdict.UNRESOLVED;
        List<String> each = new ArrayList<>();
        for (double d : v) {
            each.add(Double.isNaN(d) ? "no move" : Double.isInfinite(d) ? "never" : String.format(Locale.ROOT, "%.1f", d));
        }
        return String.format(Locale.ROOT, "`%s` %s: half-way after %s s; median %s, p95 %s s; target p95 at most 2 s: %s",
                c, what, String.join(", ", each), fmt(med), fmt(p95), verdict.word);
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "-" : Double.isInfinite(d) ? "never" : String.format(Locale.ROOT, "%.1f", d);
    }

    private void svg(String w, List<Phase> phases) throws IOException {
        long from = phases.stream().mapToLong(Phase::leadFrom).min().orElse(0) - 2000;
        long to = phases.stream().mapToLong(Phase::to).max().orElse(0) + 25_000;
        List<Sample> samples = data.samples(from, to);
        List<Event> events = data.events.stream().filter(e -> e.workload().equals(w)).toList();
        List<MatrixSvg.Bucket> buckets = new ArrayList<>();
        for (Phase p : phases) {
            List<Request> rq = data.requests(p, 0, Long.MAX_VALUE, timeoutMs);
            Map<Long, Histogram> byBucket = new java.util.TreeMap<>();
            for (Request r : rq) {
                byBucket.computeIfAbsent(r.schedMs() / 2000 * 2000, k -> new Histogram(PhaseRecorder.MAX_MICROS, 2))
                        .recordValue(Math.max(1, Math.min(PhaseRecorder.MAX_MICROS, r.latencyUs())));
            }
            byBucket.forEach((t, h) -> buckets.add(new MatrixSvg.Bucket(t + 1000, h.getValueAtPercentile(50) / 1000.0,
                    h.getMaxValue() / 1000.0)));
        }
        String title = w + ": " + TITLES.getOrDefault(w, "") + " (all rounds, in the order run)";
        Files.writeString(data.dir.resolve(w + ".svg"), MatrixSvg.render(title, phases, samples, events, buckets, timeoutMs),
                StandardCharsets.UTF_8);
    }
}
