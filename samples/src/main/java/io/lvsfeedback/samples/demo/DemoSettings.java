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
 * {@code samples/demo/cluster}). The scenario's phases are lengths in seconds, each counted from
 * when the action that opens it had finished: on a slow machine the run gets longer, the phases
 * keep their length. {@code max-duration} bounds the whole load whatever happens.
 */
public record DemoSettings(String method, InetSocketAddress vip, Map<String, String> servers, int appPort,
                           int agentPort, int jmxPort, List<String> ipvsCommand, Path ipvsFile, Path jmxScript, Path secretFile,
                           int workers, double ratePerWorker, long maxRequests, String victim,
                           int baselineSeconds, int slowSeconds, int recoveredSeconds, int drainedSeconds,
                           int resumedSeconds, int maxDurationSeconds, String slowCost, Path outDir, boolean live) {

    /** Shortest phase: the bridge polls every second and needs a few polls to act. */
    static final int MIN_PHASE_SECONDS = 5;

    private static final Map<String, String> DEFAULTS = defaults();

    public DemoSettings {
        if (!servers.containsKey(victim)) {
            throw new IllegalArgumentException("victim '" + victim + "' is not one of the servers " + servers.keySet());
        }
        int[] phases = {baselineSeconds, slowSeconds, recoveredSeconds, drainedSeconds, resumedSeconds};
        String[] names = {"baseline", "slow-for", "recovered-for", "drained-for", "resumed-for"};
        for (int i = 0; i < phases.length; i++) {
            if (phases[i] < MIN_PHASE_SECONDS || phases[i] > 600) {
                throw new IllegalArgumentException(names[i] + " must be within " + MIN_PHASE_SECONDS + "..600 s, got "
                        + phases[i]);
            }
        }
        int planned = baselineSeconds + slowSeconds + recoveredSeconds + drainedSeconds + resumedSeconds;
        if (maxDurationSeconds < planned || maxDurationSeconds > 3600) {
            throw new IllegalArgumentException("max-duration must be within the phases' sum (" + planned
                    + " s)..3600 s, got " + maxDurationSeconds);
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
        d.put("workers", "6");
        d.put("rate", "8");
        d.put("max-requests", "100000");
        d.put("victim", "rs2");
        d.put("baseline", "25");
        d.put("slow-for", "30");
        d.put("recovered-for", "25");
        d.put("drained-for", "20");
        d.put("resumed-for", "20");
        d.put("max-duration", "600");
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
                v.get("ipvs-file").isBlank() ? null : Path.of(v.get("ipvs-file")), Path.of(v.get("jmx-script")), secret.isBlank() ? null : Path.of(secret),
                integer(v, "workers"), number(v, "rate"), integer(v, "max-requests"), v.get("victim"),
                integer(v, "baseline"), integer(v, "slow-for"), integer(v, "recovered-for"), integer(v, "drained-for"),
                integer(v, "resumed-for"), integer(v, "max-duration"), v.get("slow-cost"), Path.of(v.get("out")), Boolean.parseBoolean(v.get("live")));
    }

    /** The load's length when every action is instant; a real run is longer by the actions' time. */
    public int plannedSeconds() {
        return baselineSeconds + slowSeconds + recoveredSeconds + drainedSeconds + resumedSeconds;
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
