package io.lvsfeedback.bench.scale;

import io.lvsfeedback.bench.cli.Bounds;
import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.bridge.config.ConfigException;
import io.lvsfeedback.bridge.engine.BridgeEngine;
import io.lvsfeedback.bridge.engine.ClockSource;
import io.lvsfeedback.bridge.engine.CycleStats;
import io.lvsfeedback.bridge.poll.NioAgentPoller;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The bridge's engine (real configuration, real NIO poller, real policy) over a
 * {@link SyntheticIpvsTable}, cycling every {@code poll-interval} as the daemon does, for hosts
 * whose kernel has no IPVS. Prints the cycle-time distribution after the warm-up; the caller
 * measures this process's CPU from /proc/PID/stat over the same window (bridge-scale.sh).
 */
@Command(name = "BridgeScale", showDefaultValues = true,
        description = "The bridge's engine over a synthetic IPVS table; other KEY=VALUE words are bridge settings"
                + " (director-bridge/README.md), e.g. secret-file=/tmp/key.")
public final class BridgeScale implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print the options and their defaults")
    boolean help;

    @Option(names = "services", description = "virtual services of the table, 1..1000")
    int services = 20;

    @Option(names = "per-service", description = "destinations of each service, 1..10000")
    int perService = 100;

    @Option(names = "warmup", description = "seconds of cycles before the measured part")
    int warmup = 20;

    @Option(names = "measure", description = "seconds measured, at least 1")
    int measure = 60;

    @Parameters(paramLabel = "KEY=VALUE", description = "bridge settings")
    LinkedHashMap<String, String> bridgeSettings = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BridgeScale()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Bounds.within(spec, "services", services, 1, 1000);
        Bounds.within(spec, "per-service", perService, 1, 10_000);
        Bounds.within(spec, "warmup", warmup, 0, 86_400);
        Bounds.within(spec, "measure", measure, 1, 86_400);
        Map<String, String> bridge = new LinkedHashMap<>();
        bridge.put("http-port", "0");
        bridge.putAll(bridgeSettings);
        bridge.putIfAbsent("state-file", "none"); // a benchmark must not leave state under /var/lib
        BridgeConfig config;
        try {
            config = BridgeConfig.parse(bridge);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "bridge settings: " + e.getMessage());
        }
        SyntheticIpvsTable table = new SyntheticIpvsTable(services, perService);
        try (NioAgentPoller poller = new NioAgentPoller(config.maxConcurrentPolls())) {
            BridgeEngine engine = new BridgeEngine(table, poller, ClockSource.SYSTEM, config);
            long interval = config.pollIntervalMillis();
            System.out.printf("bridge-scale: %d destinations (%d x %d), poll-interval %d ms, warm-up %d s, measure %d s%n",
                    services * perService, services, perService, interval, warmup, measure);
            run(engine, interval, warmup, "warm-up");
            System.out.println("bridge-scale: MEASURE-START " + System.currentTimeMillis());
            long cpu0 = processCpuNanos();
            long wall0 = System.nanoTime();
            List<CycleStats> cycles = run(engine, interval, measure, "measure");
            long cpu = processCpuNanos() - cpu0;
            long wall = System.nanoTime() - wall0;
            System.out.println("bridge-scale: MEASURE-END " + System.currentTimeMillis());
            report(cycles, table);
            // Its own CPU time: the script's /proc reading raced with this JVM's exit.
            System.out.printf(java.util.Locale.ROOT, "bridge-scale: engine JVM CPU %.3f of one core (%.2f s in %.1f s)%n",
                    (double) cpu / wall, cpu / 1e9, wall / 1e9);
        }
        return 0;
    }

    /** Cycles at a fixed rate for {@code seconds}; a late cycle starts at once, as the daemon's would. */
    private static List<CycleStats> run(BridgeEngine engine, long intervalMillis, int seconds, String phase)
            throws InterruptedException {
        List<CycleStats> out = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long next = System.nanoTime();
        while (next < end) {
            out.add(engine.cycle());
            next += intervalMillis * 1_000_000L;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            } else {
                next = System.nanoTime();
            }
        }
        return out;
    }

    private static void report(List<CycleStats> cycles, SyntheticIpvsTable table) {
        long[] ms = cycles.stream().mapToLong(c -> c.cycleNanos() / 1_000_000).sorted().toArray();
        double polls = cycles.stream().mapToInt(CycleStats::polls).average().orElse(0);
        double failures = cycles.stream().mapToInt(CycleStats::pollFailures).average().orElse(0);
        long writes = cycles.stream().mapToLong(CycleStats::writes).sum();
        long[] pollLatency = cycles.stream().flatMapToLong(c -> Arrays.stream(c.pollLatencies()))
                .map(n -> n / 1000).sorted().toArray();
        System.out.printf("bridge-scale: cycles %d; cycle ms p50 %d, p95 %d, max %d; polls/cycle %.0f, failed/cycle %.1f; "
                        + "weights written %d (table saw %d); agent latency us p50 %d, p99 %d%n",
                ms.length, pct(ms, 50), pct(ms, 95), ms.length == 0 ? 0 : ms[ms.length - 1], polls, failures,
                writes, table.writes(), pct(pollLatency, 50), pct(pollLatency, 99));
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** This JVM's CPU time, all threads (JIT and GC included, as /proc/PID/stat counts them). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
