package io.lvsfeedback.samples.demo;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one demo run needs, from {@code --key=value} arguments (defaults fit the cluster of
 * {@code samples/demo/cluster}). Times are seconds from the start of the load.
 */
public record DemoSettings(String method, InetSocketAddress vip, Map<String, String> servers, int appPort,
                           int agentPort, int jmxPort, List<String> ipvsCommand, Path ipvsFile, Path jmxScript, Path secretFile,
                           int durationSeconds, int workers, double ratePerWorker, long maxRequests, String victim,
                           int slowAt, int recoverAt, int drainAt, int resumeAt, String slowCost, Path outDir,
                           boolean live) {

    private static final Map<String, String> DEFAULTS = defaults();

    public DemoSettings {
        if (!servers.containsKey(victim)) {
            throw new IllegalArgumentException("victim '" + victim + "' is not one of the servers " + servers.keySet());
        }
        if (!(0 < slowAt && slowAt < recoverAt && recoverAt < drainAt && drainAt < resumeAt
                && resumeAt < durationSeconds)) {
            throw new IllegalArgumentException("phases must be ordered 0 < slow-at < recover-at < drain-at < resume-at"
                    + " < duration, got " + slowAt + ", " + recoverAt + ", " + drainAt + ", " + resumeAt + ", "
                    + durationSeconds);
        }
        if (durationSeconds > 3600) {
            throw new IllegalArgumentException("duration must be at most 3600 s, got " + durationSeconds);
        }
        servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers)); // keeps the given order
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("method", "dr");
        d.put("vip", "10.0.0.100:8080");
        d.put("servers", "rs1=10.0.0.11,rs2=10.0.0.12,rs3=10.0.0.13");
        d.put("agent-port", "3333");
        d.put("jmx-port", "9010");
        d.put("ipvs-command", "ip netns exec lvsd-dir ipvsadm -Ln");
        // /proc/PID/net/ip_vs of any process in the director's namespace: read without starting a process.
        d.put("ipvs-file", "");
        d.put("jmx-script", "samples/jmxterm/jmx");
        d.put("secret-file", "");
        d.put("duration", "120");
        d.put("workers", "6");
        d.put("rate", "8");
        d.put("max-requests", "100000");
        d.put("victim", "rs2");
        d.put("slow-at", "25");
        d.put("recover-at", "55");
        d.put("drain-at", "80");
        d.put("resume-at", "100");
        d.put("slow-cost", "cpu-ms=40&latency-ms=150");
        d.put("out", "demo-out");
        d.put("live", "true");
        return d;
    }

    /** The settings and their defaults, for {@code --help}. */
    public static Map<String, String> defaultValues() {
        return DEFAULTS;
    }

    public static DemoSettings parse(String[] args) {
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --key=value, got '" + arg + "'");
            }
            String key = arg.substring(2, arg.indexOf('='));
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' (known: " + DEFAULTS.keySet() + ")");
            }
            v.put(key, arg.substring(arg.indexOf('=') + 1));
        }
        InetSocketAddress vip = address("vip", v.get("vip"));
        String secret = v.get("secret-file");
        return new DemoSettings(v.get("method"), vip, servers(v.get("servers")), vip.getPort(),
                integer(v, "agent-port"), integer(v, "jmx-port"), List.of(v.get("ipvs-command").trim().split("\\s+")),
                v.get("ipvs-file").isBlank() ? null : Path.of(v.get("ipvs-file")), Path.of(v.get("jmx-script")), secret.isBlank() ? null : Path.of(secret), integer(v, "duration"),
                integer(v, "workers"), number(v, "rate"), integer(v, "max-requests"), v.get("victim"),
                integer(v, "slow-at"), integer(v, "recover-at"), integer(v, "drain-at"), integer(v, "resume-at"),
                v.get("slow-cost"), Path.of(v.get("out")), Boolean.parseBoolean(v.get("live")));
    }

    public List<String> serverNames() {
        return new ArrayList<>(servers.keySet());
    }

    private static Map<String, String> servers(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] kv = pair.trim().split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new IllegalArgumentException("servers must be NAME=ADDRESS,..., got '" + pair + "'");
            }
            out.put(kv[0].trim(), kv[1].trim());
        }
        return out;
    }

    private static InetSocketAddress address(String key, String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException(key + " must be ADDRESS:PORT, got '" + text + "'");
        }
        try {
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be ADDRESS:PORT, got '" + text + "'", e);
        }
    }

    private static int integer(Map<String, String> v, String key) {
        try {
            return Integer.parseInt(v.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + v.get(key) + "'", e);
        }
    }

    private static double number(Map<String, String> v, String key) {
        try {
            return Double.parseDouble(v.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v.get(key) + "'", e);
        }
    }
}
