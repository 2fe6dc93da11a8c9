package io.lvsfeedback.samples.demo;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Everything one demo run needs, from {@code --key=value} arguments ({@link DemoOptions}: defaults fit
 * the cluster of {@code samples/demo/cluster}). The scenario's phases are lengths in seconds, each counted from
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
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers must be within 1..256, got " + workers);
        }
        if (!(ratePerWorker > 0 && ratePerWorker <= 1000)) {
            throw new IllegalArgumentException("rate must be within (0, 1000] requests/s, got " + ratePerWorker);
        }
        if (maxRequests < 1) {
            throw new IllegalArgumentException("max-requests must be at least 1, got " + maxRequests);
        }
        servers.forEach((name, address) -> {
            if (name.isBlank() || address.isBlank()) {
                throw new IllegalArgumentException("servers must be NAME=ADDRESS,..., got '" + name + "=" + address + "'");
            }
        });
        servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers)); // keeps the given order
    }

    /**
     * The settings of {@code --key=value} arguments ({@link DemoOptions}); an unknown option, a value
     * of the wrong type or out of range fails with a {@link ParameterException} naming the option.
     */
    public static DemoSettings parse(String... args) {
        DemoOptions options = new DemoOptions();
        CommandLine line = new CommandLine(options);
        line.parseArgs(args);
        return options.settings(line);
    }

    /** The load's length when every action is instant; a real run is longer by the actions' time. */
    public int plannedSeconds() {
        return baselineSeconds + slowSeconds + recoveredSeconds + drainedSeconds + resumedSeconds;
    }

    /** The same settings for another forwarding method, writing into {@code out}. */
    public DemoSettings forMethod(String otherMethod, Path out) {
        return new DemoSettings(otherMethod, vip, servers, appPort, agentPort, jmxPort, ipvsCommand, ipvsFile, jmxScript,
                secretFile, workers, ratePerWorker, maxRequests, victim, baselineSeconds, slowSeconds, recoveredSeconds,
                drainedSeconds, resumedSeconds, maxDurationSeconds, slowCost, out, live);
    }

    public List<String> serverNames() {
        return new ArrayList<>(servers.keySet());
    }
}
