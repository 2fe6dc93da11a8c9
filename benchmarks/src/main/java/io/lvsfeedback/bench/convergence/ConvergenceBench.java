package io.lvsfeedback.bench.convergence;

import io.lvsfeedback.bench.cli.Bounds;
import io.lvsfeedback.bench.convergence.HalfWay.Sample;
import io.lvsfeedback.bridge.config.ConfigSource;
import io.lvsfeedback.bridge.daemon.BridgeDaemon;
import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import io.lvsfeedback.samples.http.HttpConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Convergence at production-like rates, on the host: three sample servers with the agent (started by
 * {@code convergence-host.sh} in a namespace), steady open-loop load sent to each directly, the real
 * bridge (configuration, poller, policy, cycle schedule) over an in-memory table. rs1's request hold
 * goes x{@code factor} and back {@code steps} times; per step, the time until rs1's weight is half-way
 * to where it settles. Then a control window and one 200 ms SIGSTOP of rs2: its largest weight move
 * in the 20 s after each. What IPVS does with the weights is the lab's part (matrix.sh W2); here the
 * traffic stays put, so the steps are clean.
 */
@Command(name = "ConvergenceBench", showDefaultValues = true,
        description = "Convergence of the real bridge over an in-memory table, against three sample servers with the"
                + " agent; bridge.KEY=VALUE words are bridge settings.")
public final class ConvergenceBench implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print the options and their defaults")
    boolean help;

    @Option(names = "secret-file", description = "the agents' shared secret (empty: unsigned reports)")
    String secretFile = "";

    @Option(names = "servers", split = ",", description = "the three sample servers' addresses; the first steps, the second pauses")
    List<String> servers = List.of("10.88.0.1", "10.88.0.2", "10.88.0.3");

    @Option(names = "port", description = "the sample servers' HTTP port")
    int port = 8080;

    @Option(names = "agent-port", description = "the agents' feedback port")
    int agentPort = 3333;

    @Option(names = "rate", description = "requests per second to each server, 1..10000")
    int rate = 50;

    @Option(names = "base-ms", description = "each request's hold (ms) outside the steps")
    int baseMs = 20;

    @Option(names = "factor", description = "rs1's hold during a step, x base-ms")
    int factor = 5;

    @Option(names = "steps", description = "up-and-down steps of rs1, at least 1")
    int steps = 6;

    @Option(names = "step-s", description = "seconds each half of a step lasts")
    long stepSeconds = 15;

    @Option(names = "warmup-s", description = "seconds of load before the first step")
    long warmupSeconds = 25;

    @Option(names = "pause-pid", description = "pid of rs2's JVM, paused 200 ms at the end (0: no pause)")
    long pausePid = 0;

    @Option(names = "out", description = "output directory")
    Path out = Path.of("/tmp/convergence");

    @Parameters(paramLabel = "bridge.KEY=VALUE", description = "bridge settings")
    LinkedHashMap<String, String> bridgeSettings = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Sample> rs1 = new ArrayList<>();
    private final List<Sample> rs2 = new ArrayList<>();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConvergenceBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (servers.size() < 2) {
            throw new ParameterException(spec.commandLine(), "servers must name at least two servers, got " + servers);
        }
        Bounds.within(spec, "port", port, 1, 65535);
        Bounds.within(spec, "agent-port", agentPort, 1, 65535);
        Bounds.within(spec, "rate", rate, 1, 10_000);
        Bounds.within(spec, "base-ms", baseMs, 0, 60_000);
        Bounds.within(spec, "factor", factor, 1, 1000);
        Bounds.within(spec, "steps", steps, 1, 1000);
        Bounds.within(spec, "step-s", stepSeconds, 1, 3600);
        Bounds.within(spec, "warmup-s", warmupSeconds, 0, 3600);
        for (String key : bridgeSettings.keySet()) {
            if (!key.startsWith("bridge.")) {
                throw new ParameterException(spec.commandLine(), "unknown option '" + key + "' (bridge settings are bridge.KEY=VALUE)");
            }
        }
        run();
        return 0;
    }

    private void run() throws Exception {
        long stepMillis = stepSeconds * 1000;
        Files.createDirectories(out);

        ServiceKey service = ServiceKey.parse("tcp:10.88.0.100:" + port);
        List<DestinationKey> dests = new ArrayList<>();
        servers.forEach(s -> dests.add(DestinationKey.parse(s + ":" + port)));
        MemoryIpvsTable table = new MemoryIpvsTable(service, dests, 100);
        List<String> config = new ArrayList<>(List.of("services = " + service, "secret-file = " + secretFile,
                "agent-port = " + agentPort, "http-port = 0", "state-file = none"));
        bridgeSettings.forEach((k, v) -> config.add(k.substring("bridge.".length()) + " = " + v));
        Path configFile = Files.write(out.resolve("bridge.properties"), config);
        for (String s : servers) {
            cost(s, baseMs);
        }
        BridgeDaemon daemon = BridgeDaemon.start(new ConfigSource(configFile, Map.of()), table, false,
                MBeanServerFactory.newMBeanServer(), 0);
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(4);
        for (String s : servers) {
            timers.scheduleAtFixedRate(() -> request(s), 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        }
        long t0 = System.currentTimeMillis();
        timers.scheduleAtFixedRate(() -> sample(table, dests, t0), 0, 100, TimeUnit.MILLISECONDS);
        say("load " + rate + " req/s on each of " + servers + ", hold " + baseMs + " ms; bridge " + config);
        Thread.sleep(warmupSeconds * 1000);

        List<long[]> marks = new ArrayList<>(); // {time, 1 up / 0 down}
        for (int i = 0; i < steps; i++) {
            marks.add(new long[] {System.currentTimeMillis() - t0, 1});
            cost(servers.get(0), baseMs * factor);
            Thread.sleep(stepMillis);
            marks.add(new long[] {System.currentTimeMillis() - t0, 0});
            cost(servers.get(0), baseMs);
            Thread.sleep(stepMillis);
        }
        long control = System.currentTimeMillis() - t0;
        Thread.sleep(20_000);
        long pause = -1;
        if (pausePid > 0) {
            pause = System.currentTimeMillis() - t0;
            signal("STOP", pausePid);
            Thread.sleep(200);
            signal("CONT", pausePid);
            Thread.sleep(20_000);
        }
        timers.shutdownNow();
        daemon.close();
        report(out, marks, stepMillis, control, pause);
    }

    private void report(Path out, List<long[]> marks, long stepMillis, long control, long pause) throws IOException {
        List<String> lines = new ArrayList<>();
        synchronized (rs1) {
            for (int i = 0; i < rs1.size(); i++) {
                lines.add(rs1.get(i).millis() + "\t" + rs1.get(i).weight() + "\t" + rs2.get(i).weight());
            }
        }
        Files.write(out.resolve("timeline.tsv"), lines);
        List<Long> all = new ArrayList<>();
        for (long[] m : marks) {
            HalfWay.Result r;
            synchronized (rs1) {
                r = HalfWay.of(rs1, m[0], stepMillis, 3000);
            }
            all.add(r.millis() < 0 ? Long.MAX_VALUE : r.millis());
            say(String.format(Locale.ROOT, "step %s at %.1f s: rs1 %d -> %d, half-way after %s", m[1] == 1 ? "up  " : "down",
                    m[0] / 1000.0, r.from(), r.settled(), r.millis() < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", r.millis() / 1000.0)));
        }
        all.sort(Long::compare);
        long median = all.get((all.size() - 1) / 2);
        long p95 = all.get((int) Math.ceil(0.95 * all.size()) - 1);
        say(String.format(Locale.ROOT, "half-way over %d steps: median %s, p95 (largest of %d) %s", all.size(),
                secs(median), all.size(), secs(p95)));
        synchronized (rs1) {
            int w = HalfWay.weightAt(rs2, control);
            say("control window (no pause): rs2 weight " + w + ", largest move in 20 s " + HalfWay.largestMove(rs2, control, 20_000));
            if (pause >= 0) {
                w = HalfWay.weightAt(rs2, pause);
                int move = HalfWay.largestMove(rs2, pause, 20_000);
                say(String.format(Locale.ROOT, "200 ms pause of rs2: weight %d, largest move in 20 s %d (%.1f %%)", w, move,
                        w > 0 ? 100.0 * move / w : 0));
            }
        }
        say("requests answered " + ok.get() + ", failed " + failed.get());
    }

    private static String secs(long millis) {
        return millis == Long.MAX_VALUE ? "never" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private void sample(MemoryIpvsTable table, List<DestinationKey> dests, long t0) {
        long t = System.currentTimeMillis() - t0;
        synchronized (rs1) {
            rs1.add(new Sample(t, table.weight(dests.get(0))));
            rs2.add(new Sample(t, table.weight(dests.get(1))));
        }
    }

    private void request(String server) {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://" + server + ":" + port + "/work"))
                .timeout(Duration.ofSeconds(10)).build();
        http.sendAsync(r, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, e) -> {
            if (e == null && resp.statusCode() == 200) {
                ok.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        });
    }

    /** The sample's admin call ({@link HttpConnection#post}, as the demo's scenario makes it). */
    private void cost(String server, int latencyMs) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (HttpConnection c = HttpConnection.open(new InetSocketAddress(server, port), deadline)) {
            HttpConnection.Answer answer = c.post(server, "/admin/cost?latency-ms=" + latencyMs, deadline);
            if (answer.status() != 200) {
                throw new IOException(server + ": cost change refused: " + answer.status() + " " + answer.body());
            }
        }
    }

    private static void signal(String sig, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start().waitFor();
    }

    private static void say(String line) {
        System.out.println(java.time.LocalTime.now().withNano(0) + " " + line);
    }
}
