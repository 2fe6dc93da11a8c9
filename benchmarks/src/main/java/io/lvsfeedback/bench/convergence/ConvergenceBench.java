package io.lvsfeedback.bench.convergence;

import io.lvsfeedback.bench.convergence.HalfWay.Sample;
import io.lvsfeedback.bridge.config.ConfigSource;
import io.lvsfeedback.bridge.daemon.BridgeDaemon;
import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.io.IOException;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServerFactory;

/**
 * Convergence at production-like rates, on the host: three sample servers with the agent (started by
 * {@code convergence-host.sh} in a namespace), steady open-loop load sent to each directly, the real
 * bridge (configuration, poller, policy, cycle schedule) over an in-memory table. rs1's request hold
 * goes x{@code factor} and back {@code steps} times; per step, the time until rs1's weight is half-way
 * to where it settles. Then a control window and one 200 ms SIGSTOP of rs2: its largest weight move
 * in the 20 s after each. What IPVS does with the weights is the lab's part (matrix.sh W2); here the
 * traffic stays put, so the steps are clean.
 *
 * <p>{@code ConvergenceBench secret-file=F [servers=10.88.0.1,10.88.0.2,10.88.0.3] [port=8080]
 * [agent-port=3333] [rate=50] [base-ms=20] [factor=5] [steps=6] [step-s=15] [warmup-s=25]
 * [pause-pid=PID] [out=DIR] [bridge.KEY=VALUE]...}
 */
public final class ConvergenceBench {
    private final Map<String, String> args;
    private final List<String> servers;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Sample> rs1 = new ArrayList<>();
    private final List<Sample> rs2 = new ArrayList<>();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private ConvergenceBench(Map<String, String> args) {
        this.args = args;
        this.servers = List.of(arg("servers", "10.88.0.1,10.88.0.2,10.88.0.3").split(","));
        this.port = Integer.parseInt(arg("port", "8080"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + a + "'");
            }
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        new ConvergenceBench(args).run();
    }

    private String arg(String key, String dflt) {
        return args.getOrDefault(key, dflt);
    }

    private void run() throws Exception {
        int rate = Integer.parseInt(arg("rate", "50"));
        int baseMs = Integer.parseInt(arg("base-ms", "20"));
        int factor = Integer.parseInt(arg("factor", "5"));
        int steps = Integer.parseInt(arg("steps", "6"));
        long stepMillis = Long.parseLong(arg("step-s", "15")) * 1000;
        long pausePid = Long.parseLong(arg("pause-pid", "0"));
        Path out = Files.createDirectories(Path.of(arg("out", "/tmp/convergence")));

        ServiceKey service = ServiceKey.parse("tcp:10.88.0.100:" + port);
        List<DestinationKey> dests = new ArrayList<>();
        servers.forEach(s -> dests.add(DestinationKey.parse(s + ":" + port)));
        MemoryIpvsTable table = new MemoryIpvsTable(service, dests, 100);
        List<String> config = new ArrayList<>(List.of("services = " + service, "secret-file = " + arg("secret-file", ""),
                "agent-port = " + arg("agent-port", "3333"), "http-port = 0", "state-file = none"));
        args.forEach((k, v) -> {
            if (k.startsWith("bridge.")) {
                config.add(k.substring("bridge.".length()) + " = " + v);
            }
        });
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
        Thread.sleep(Long.parseLong(arg("warmup-s", "25")) * 1000);

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

    private void cost(String server, int latencyMs) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://" + server + ":" + port + "/admin/cost?latency-ms=" + latencyMs))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IOException(server + ": cost change refused: " + resp.statusCode() + " " + resp.body());
        }
    }

    private static void signal(String sig, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start().waitFor();
    }

    private static void say(String line) {
        System.out.println(java.time.LocalTime.now().withNano(0) + " " + line);
    }
}
