package io.lvsfeedback.bench.matrix;

import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.ReportClient;
import io.lvsfeedback.model.protocol.SharedSecret;
import io.lvsfeedback.model.protocol.Signals;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workload matrix's client side, one JVM for a whole run (a JVM start costs seconds of CPU
 * under emulation): reads one command per line on stdin, answers one line on stdout starting with
 * {@code ok} or {@code error}. Commands:
 *
 * <ul>
 *   <li>{@code load host=H port=P path=/work rate=R warmup=S duration=S timeout=MS [max-in-flight=N]
 *       [per-connection=K interval-ms=I] out=FILE}: an open-loop phase ({@link OpenLoad}); raw lines
 *       to FILE; answers the summary</li>
 *   <li>{@code saturate path=/work warmup=S duration=S timeout=MS NAME=IP:PORT:CLIENTS...}: capacity
 *       calibration ({@link Saturation})</li>
 *   <li>{@code pool-max secret-file=F NAME=IP:PORT...}: each agent's {@code pool_max} (threads for requests)</li>
 *   <li>{@code quit}</li>
 * </ul>
 *
 * With arguments, runs that one command and exits (for a quick test by hand).
 */
public final class MatrixDriver {
    private MatrixDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            String reply = execute(String.join(" ", args));
            System.out.println(reply);
            System.exit(reply.startsWith("ok") ? 0 : 1);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ok ready");
        System.out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            if (line.trim().equals("quit")) {
                System.out.println("ok bye");
                break;
            }
            System.out.println(execute(line.trim()));
            System.out.flush();
        }
    }

    static String execute(String line) {
        String[] words = line.split("\\s+");
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq < 1) {
                return "error argument '" + words[i] + "' is not key=value";
            }
            a.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        try {
            return switch (words[0]) {
                case "load" -> "ok " + load(a);
                case "saturate" -> "ok " + saturate(a);
                case "pool-max" -> "ok " + poolMax(a);
                default -> "error unknown command '" + words[0] + "' (load, saturate, pool-max, quit)";
            };
        } catch (Exception e) {
            return "error " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' ');
        }
    }

    private static String load(Map<String, String> a) throws Exception {
        OpenLoad.Plan plan = new OpenLoad.Plan(
                new InetSocketAddress(a.getOrDefault("host", "127.0.0.1"), Integer.parseInt(a.getOrDefault("port", "8080"))),
                a.getOrDefault("path", "/work"), Double.parseDouble(req(a, "rate")),
                Double.parseDouble(a.getOrDefault("warmup", "0")), Double.parseDouble(req(a, "duration")),
                Integer.parseInt(a.getOrDefault("timeout", "60000")), Integer.parseInt(a.getOrDefault("max-in-flight", "2000")),
                Integer.parseInt(a.getOrDefault("per-connection", "1")), Integer.parseInt(a.getOrDefault("interval-ms", "0")));
        String out = a.get("out");
        if (out == null) {
            return OpenLoad.run(plan, null).summary();
        }
        try (Writer w = Files.newBufferedWriter(Path.of(out), StandardCharsets.US_ASCII)) {
            w.write("# sched_epoch_ms latency_us status server (a failure's latency is the time-out)\n");
            return OpenLoad.run(plan, w).summary();
        }
    }

    private static String saturate(Map<String, String> a) throws Exception {
        List<Saturation.Target> targets = new ArrayList<>();
        for (Map.Entry<String, String> e : a.entrySet()) {
            String[] p = e.getValue().split(":");
            if (p.length == 3) {
                targets.add(new Saturation.Target(e.getKey(), new InetSocketAddress(p[0], Integer.parseInt(p[1])),
                        Integer.parseInt(p[2])));
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("give NAME=IP:PORT:CLIENTS");
        }
        return Saturation.format(Saturation.measure(targets, a.getOrDefault("path", "/work"),
                Double.parseDouble(a.getOrDefault("warmup", "3")), Double.parseDouble(a.getOrDefault("duration", "15")),
                Integer.parseInt(a.getOrDefault("timeout", "60000"))));
    }

    private static String poolMax(Map<String, String> a) throws Exception {
        SharedSecret secret = SharedSecret.fromFile(Path.of(req(a, "secret-file")));
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : a.entrySet()) {
            if (e.getKey().equals("secret-file")) {
                continue;
            }
            int colon = e.getValue().lastIndexOf(':');
            FeedbackReport r = ReportClient.poll(new InetSocketAddress(e.getValue().substring(0, colon),
                    Integer.parseInt(e.getValue().substring(colon + 1))), secret, 5000).report();
            b.append(String.format(Locale.ROOT, " %s=%.0f", e.getKey(), r.signal(Signals.POOL_MAX)));
        }
        return b.toString().trim();
    }

    private static String req(Map<String, String> a, String key) {
        String v = a.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key + "=");
        }
        return v;
    }
}
