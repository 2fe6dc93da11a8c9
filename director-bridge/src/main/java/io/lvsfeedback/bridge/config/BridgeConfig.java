package io.lvsfeedback.bridge.config;

import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.bridge.ipvs.Endpoints;
import io.lvsfeedback.bridge.policy.PolicySettings;
import io.lvsfeedback.model.file.BoundedFile;
import io.lvsfeedback.model.protocol.SharedSecret;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The whole, validated configuration; immutable. Built only by {@link #parse}, which is the one
 * place where settings are checked. A reload builds a new one and swaps it in.
 */
public final class BridgeConfig {
    private static final String SERVICE_PREFIX = "service.";
    private static final String DESTINATION_PREFIX = "destination.";
    /** The {@code state-file} value that keeps the state in memory only. */
    public static final String NO_STATE_FILE = "none";
    /** Largest state file accepted: about 100 000 destinations. */
    static final int MAX_STATE_FILE_BYTES = 16 * 1024 * 1024;

    private final Map<String, String> source;
    private final List<Pattern> services;
    private final long pollIntervalMillis;
    private final long agentSampleIntervalMillis;
    private final long pollTimeoutMillis;
    private final long writeDelayMillis;
    private final int maxConcurrentPolls;
    private final boolean dryRun;
    private final String httpAddress;
    private final int httpPort;
    private final String jmxName;
    private final Path stateFile;
    private final boolean stateFileDefaulted;
    private final ServiceSettings defaults;
    private final Map<ServiceKey, ServiceSettings> perService;
    private final Map<DestinationKey, DestinationSettings> perDestination;
    private final List<String> warnings;

    private BridgeConfig(Map<String, String> source, Parsed p) {
        this.source = Collections.unmodifiableMap(new TreeMap<>(source));
        this.services = p.services;
        this.pollIntervalMillis = p.pollIntervalMillis;
        this.agentSampleIntervalMillis = p.agentSampleIntervalMillis;
        this.pollTimeoutMillis = p.pollTimeoutMillis;
        this.writeDelayMillis = p.writeDelayMillis;
        this.maxConcurrentPolls = p.maxConcurrentPolls;
        this.dryRun = p.dryRun;
        this.httpAddress = p.httpAddress;
        this.httpPort = p.httpPort;
        this.jmxName = p.jmxName;
        this.stateFile = p.stateFile;
        this.stateFileDefaulted = p.stateFileDefaulted;
        this.defaults = p.defaults;
        this.perService = Map.copyOf(p.perService);
        this.perDestination = Map.copyOf(p.perDestination);
        this.warnings = List.copyOf(p.warnings);
    }

    /**
     * The file's settings with {@code overrides} ({@code --set key=value}) on top. Every problem is
     * in the exception, each prefixed with the file line (or {@code --set}) of its key.
     */
    public static BridgeConfig load(Path file, Map<String, String> overrides) throws ConfigException {
        Problems problems = new Problems();
        Map<String, String> all = new LinkedHashMap<>();
        Map<String, Problems.Origin> origins = new HashMap<>();
        if (file != null) {
            PropertiesText.FileSettings settings = PropertiesText.read(file, problems);
            all.putAll(settings.values());
            origins.putAll(settings.origins());
        }
        for (String key : overrides.keySet()) {
            origins.put(key, Problems.Origin.commandLine());
        }
        all.putAll(overrides);
        BridgeConfig config = parse(all, problems);
        problems.throwIfAny(origins);
        return config;
    }

    /** Validates raw settings; the exception carries every problem found, in a stable order. */
    public static BridgeConfig parse(Map<String, String> raw) throws ConfigException {
        Problems problems = new Problems();
        BridgeConfig config = parse(raw, problems);
        problems.throwIfAny(Map.of());
        return config;
    }

    /** Validates everything, recording each problem; null when there was any (here or before). */
    private static BridgeConfig parse(Map<String, String> raw, Problems problems) {
        Map<String, String> global = new HashMap<>();
        // sorted by their text, so the problems reported do not depend on hash order
        Map<ServiceKey, Map<String, String>> services = new TreeMap<>(Comparator.comparing(ServiceKey::toString));
        Map<DestinationKey, Map<String, String>> destinations = new TreeMap<>(Comparator.comparing(DestinationKey::toString));
        for (Map.Entry<String, String> e : raw.entrySet()) {
            problems.read(() -> {
                sort(e.getKey(), e.getValue(), global, services, destinations);
                return null;
            });
        }
        Parsed p = new Parsed();
        p.services = problems.read(() -> servicePatterns(value(global, Setting.SERVICES)));
        Long interval = problems.read(() -> Values.millis(Setting.POLL_INTERVAL.key(), value(global, Setting.POLL_INTERVAL), 50, 3_600_000));
        Long sampleInterval = problems.read(() -> Values.millis(Setting.AGENT_SAMPLE_INTERVAL.key(),
                value(global, Setting.AGENT_SAMPLE_INTERVAL), 10, 3_600_000));
        Long timeout = problems.read(() -> Values.millis(Setting.POLL_TIMEOUT.key(), value(global, Setting.POLL_TIMEOUT), 10, 3_600_000));
        if (interval != null && timeout != null && timeout >= interval) {
            problems.add(new ConfigException(Setting.POLL_TIMEOUT.key(), "'poll-timeout' (" + timeout
                    + " ms) must be shorter than 'poll-interval' (" + interval + " ms): a poll must end before the next cycle"));
        }
        Long writeDelay = problems.read(() -> Values.millis(Setting.WRITE_DELAY.key(), value(global, Setting.WRITE_DELAY), 0, 3_600_000));
        if (writeDelay != null && writeDelay > 0 && interval != null && timeout != null
                && (writeDelay < timeout || writeDelay >= interval)) {
            problems.add(new ConfigException(Setting.WRITE_DELAY.key(), "'write-delay' (" + writeDelay
                    + " ms) must be 0, or at least 'poll-timeout' (" + timeout + " ms) and shorter than 'poll-interval' ("
                    + interval + " ms): the cycle's polls end before its aligned write, which ends before the next cycle"));
        }
        Integer maxPolls = problems.read(() -> Values.integer(Setting.MAX_CONCURRENT_POLLS.key(), value(global, Setting.MAX_CONCURRENT_POLLS), 1, 60_000));
        Boolean dryRun = problems.read(() -> Values.bool(Setting.DRY_RUN.key(), value(global, Setting.DRY_RUN)));
        p.httpAddress = value(global, Setting.HTTP_ADDRESS);
        if (p.httpAddress.isEmpty()) {
            problems.add(Values.bad(Setting.HTTP_ADDRESS.key(), p.httpAddress, "must not be empty"));
        }
        Integer httpPort = problems.read(() -> Values.integer(Setting.HTTP_PORT.key(), value(global, Setting.HTTP_PORT), 0, 65535));
        p.jmxName = value(global, Setting.JMX_NAME);
        if (!p.jmxName.isEmpty() && !p.jmxName.matches("[A-Za-z0-9._@-]{1,64}")) {
            problems.add(Values.bad(Setting.JMX_NAME.key(), p.jmxName, "expected up to 64 letters, digits, '.', '_', '@' or '-'"));
        }
        p.stateFileDefaulted = !global.containsKey(Setting.STATE_FILE.key());
        p.stateFile = problems.read(() -> checkedStateFile(value(global, Setting.STATE_FILE)));
        p.defaults = serviceSettings("", global, Map.of(), p.warnings, problems);
        for (Map.Entry<ServiceKey, Map<String, String>> s : services.entrySet()) {
            p.perService.put(s.getKey(), serviceSettings(SERVICE_PREFIX + s.getKey() + ".", global, s.getValue(), p.warnings, problems));
        }
        for (Map.Entry<DestinationKey, Map<String, String>> d : destinations.entrySet()) {
            p.perDestination.put(d.getKey(), destinationSettings(DESTINATION_PREFIX + d.getKey() + ".", d.getValue(), problems));
        }
        if (problems.failures() > 0) {
            return null;
        }
        p.pollIntervalMillis = interval;
        p.agentSampleIntervalMillis = sampleInterval;
        p.pollTimeoutMillis = timeout;
        p.writeDelayMillis = writeDelay;
        p.maxConcurrentPolls = maxPolls;
        p.dryRun = dryRun;
        p.httpPort = httpPort;
        return new BridgeConfig(raw, p);
    }

    /** {@code none} (or empty): memory only. The engine reads it later; a FIFO or device there would block or flood that read. */
    private static Path checkedStateFile(String text) throws ConfigException {
        Path file = stateFile(text);
        if (file != null) {
            try {
                BoundedFile.checkIfPresent(file, MAX_STATE_FILE_BYTES);
            } catch (IOException e) {
                throw Values.bad(Setting.STATE_FILE.key(), file.toString(), e.getMessage());
            }
        }
        return file;
    }

    private static void sort(String key, String value, Map<String, String> global,
                             Map<ServiceKey, Map<String, String>> services,
                             Map<DestinationKey, Map<String, String>> destinations) throws ConfigException {
        String prefix = key.startsWith(SERVICE_PREFIX) ? SERVICE_PREFIX
                : key.startsWith(DESTINATION_PREFIX) ? DESTINATION_PREFIX : null;
        if (prefix == null) {
            Setting s = known(key, key);
            if (!s.allowedGlobally()) {
                throw new ConfigException(key, "'" + key + "' is a per-destination setting: write destination.RIP:PORT." + key);
            }
            global.put(key, value);
            return;
        }
        int dot = key.lastIndexOf('.');
        String owner = dot > prefix.length() ? key.substring(prefix.length(), dot) : "";
        String name = key.substring(dot + 1);
        if (owner.isEmpty()) {
            throw new ConfigException(key, "'" + key + "': expected " + prefix + "<key>.<setting>");
        }
        Setting s = known(key, name);
        if (prefix.equals(SERVICE_PREFIX)) {
            if (!s.allowedPerService()) {
                throw new ConfigException(key, "'" + key + "': '" + name + "' cannot be set per service");
            }
            services.computeIfAbsent(serviceKey(key, owner), k -> new HashMap<>()).put(name, value);
        } else {
            if (!s.allowedPerDestination()) {
                throw new ConfigException(key, "'" + key + "': '" + name + "' cannot be set per destination");
            }
            destinations.computeIfAbsent(destinationKey(key, owner), k -> new HashMap<>()).put(name, value);
        }
    }

    private static Setting known(String key, String name) throws ConfigException {
        return Setting.byKey(name).orElseThrow(() -> new ConfigException(key, "unknown setting '" + key
                + "' (known: " + String.join(", ", allKeys()) + ")"));
    }

    private static List<String> allKeys() {
        List<String> keys = new ArrayList<>();
        for (Setting s : Setting.values()) {
            keys.add(s.key());
        }
        return keys;
    }

    private static ServiceKey serviceKey(String key, String service) throws ConfigException {
        try {
            return ServiceKey.parse(service);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "'" + key + "': '" + service + "' is not a service key: " + e.getMessage());
        }
    }

    private static DestinationKey destinationKey(String key, String destination) throws ConfigException {
        try {
            return DestinationKey.of(Endpoints.parse(destination, -1));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "'" + key + "': destination " + e.getMessage());
        }
    }

    /** {@code none} (or empty): memory only. */
    private static Path stateFile(String text) throws ConfigException {
        if (text.isEmpty() || text.equals(NO_STATE_FILE)) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw Values.bad(Setting.STATE_FILE.key(), text, "not a valid path: " + e.getReason());
        }
    }

    private static String value(Map<String, String> m, Setting s) {
        return m.getOrDefault(s.key(), s.defaultValue()).trim();
    }

    private static List<Pattern> servicePatterns(String text) throws ConfigException {
        List<Pattern> patterns = new ArrayList<>();
        for (String glob : text.split(",", -1)) { // -1: "," is two empty entries, not an empty list
            String g = glob.trim();
            if (g.isEmpty()) {
                throw Values.bad(Setting.SERVICES.key(), text, "empty entry in the list");
            }
            StringBuilder regex = new StringBuilder();
            for (String part : g.split("\\*", -1)) {
                regex.append(Pattern.quote(part)).append(".*");
            }
            regex.setLength(regex.length() - 2);
            patterns.add(Pattern.compile(regex.toString()));
        }
        return List.copyOf(patterns);
    }

    /**
     * A service's section over the global values; errors name the key as the user wrote it. Null
     * when any of its settings is bad (each recorded in {@code problems}).
     */
    private static ServiceSettings serviceSettings(String prefix, Map<String, String> global, Map<String, String> own,
                                                   Set<String> warnings, Problems problems) {
        int before = problems.failures();
        Reader r = new Reader(prefix, global, own);
        List<Integer> agentPorts = problems.read(() -> Values.ports(r.key(Setting.AGENT_PORT), r.get(Setting.AGENT_PORT)));
        String secretText = r.get(Setting.SECRET_FILE);
        Path secretFile = problems.read(() -> Values.path(r.key(Setting.SECRET_FILE), secretText));
        SharedSecret secret = secretFile == null ? null : problems.read(() -> secret(r.key(Setting.SECRET_FILE), secretText, secretFile));
        if (secret != null) {
            BoundedFile.exposure(secretFile).ifPresent(who -> warnings.add("'" + r.key(Setting.SECRET_FILE) + "' = '"
                    + secretText + "' is " + who + ": anyone who reads it can forge reports (chmod 600 it)"));
        }
        Boolean allowUnauth = problems.read(() -> Values.bool(r.key(Setting.ALLOW_UNAUTHENTICATED), r.get(Setting.ALLOW_UNAUTHENTICATED)));
        if (secretText.isEmpty() && Boolean.FALSE.equals(allowUnauth)) {
            problems.add(new ConfigException(r.key(Setting.SECRET_FILE), (prefix.isEmpty() ? "" : prefix + ": ")
                    + "set 'secret-file' (or allow-unauthenticated=true): without either no agent can be trusted"));
        }
        Integer min = problems.read(() -> Values.integer(r.key(Setting.MIN_WEIGHT), r.get(Setting.MIN_WEIGHT), 1, 65535));
        Integer max = problems.read(() -> Values.integer(r.key(Setting.MAX_WEIGHT), r.get(Setting.MAX_WEIGHT), 1, Integer.MAX_VALUE));
        if (min != null && max != null && max < min) {
            problems.add(new ConfigException(r.key(Setting.MAX_WEIGHT), "'" + r.key(Setting.MAX_WEIGHT) + "' (" + max
                    + ") is below '" + r.key(Setting.MIN_WEIGHT) + "' (" + min + ")"));
        }
        Double maxFactor = problems.read(() -> Values.decimal(r.key(Setting.MAX_FACTOR), r.get(Setting.MAX_FACTOR), 1.0, 1000.0));
        Long blackout = problems.read(() -> Values.millis(r.key(Setting.BLACKOUT), r.get(Setting.BLACKOUT), 0, 3_600_000));
        Long staleAfter = problems.read(() -> Values.millis(r.key(Setting.STALE_AFTER), r.get(Setting.STALE_AFTER), 100, 86_400_000));
        Integer maxStep = problems.read(() -> Values.integer(r.key(Setting.MAX_STEP_PERCENT), r.get(Setting.MAX_STEP_PERCENT), 1, 1000));
        Integer deadBand = problems.read(() -> Values.integer(r.key(Setting.DEAD_BAND_PERCENT), r.get(Setting.DEAD_BAND_PERCENT), 0, 100));
        Integer levels = problems.read(() -> Values.integer(r.key(Setting.WEIGHT_LEVELS), r.get(Setting.WEIGHT_LEVELS), 0, 1000));
        Long drain = problems.read(() -> Values.millis(r.key(Setting.BACKLOG_DRAIN), r.get(Setting.BACKLOG_DRAIN), 0, 3_600_000));
        Integer fastFirst = problems.read(() -> Values.integer(r.key(Setting.FAST_FIRST), r.get(Setting.FAST_FIRST), 0, 100));
        String base = r.get(Setting.BASE_WEIGHT);
        Integer baseWeight = base.isEmpty() ? null : problems.read(() -> Values.integer(r.key(Setting.BASE_WEIGHT), base, 1, Integer.MAX_VALUE));
        if (problems.failures() > before) {
            return null;
        }
        PolicySettings policy = new PolicySettings(min, max, maxFactor, blackout, staleAfter, maxStep, deadBand, levels, drain,
                fastFirst);
        return new ServiceSettings(agentPorts, secretFile, secret, allowUnauth, policy, baseWeight);
    }

    private static SharedSecret secret(String key, String text, Path file) throws ConfigException {
        try {
            return SharedSecret.fromFile(file);
        } catch (IOException | IllegalArgumentException e) {
            throw Values.bad(key, text, e.getMessage());
        }
    }

    /** A destination's section; null when any of its settings is bad (each recorded in {@code problems}). */
    private static DestinationSettings destinationSettings(String prefix, Map<String, String> own, Problems problems) {
        int before = problems.failures();
        String agent = own.getOrDefault(Setting.AGENT.key(), "");
        String base = own.getOrDefault(Setting.BASE_WEIGHT.key(), "");
        InetSocketAddress agentAddress = agent.isEmpty() ? null
                : problems.read(() -> Values.endpoint(prefix + Setting.AGENT.key(), agent));
        Integer baseWeight = base.isEmpty() ? null
                : problems.read(() -> Values.integer(prefix + Setting.BASE_WEIGHT.key(), base, 1, Integer.MAX_VALUE));
        return problems.failures() > before ? null : new DestinationSettings(agentAddress, baseWeight);
    }

    /** Looks a setting up in the service's own section first, then globally, then the default. */
    private static final class Reader {
        final String prefix;
        final Map<String, String> global;
        final Map<String, String> own;

        Reader(String prefix, Map<String, String> global, Map<String, String> own) {
            this.prefix = prefix;
            this.global = global;
            this.own = own;
        }

        String get(Setting s) {
            String v = own.containsKey(s.key()) ? own.get(s.key()) : global.getOrDefault(s.key(), s.defaultValue());
            return v.trim();
        }

        String key(Setting s) {
            return own.containsKey(s.key()) ? prefix + s.key() : s.key();
        }
    }

    private static final class Parsed {
        List<Pattern> services;
        long pollIntervalMillis;
        long agentSampleIntervalMillis;
        long pollTimeoutMillis;
        long writeDelayMillis;
        int maxConcurrentPolls;
        boolean dryRun;
        String httpAddress;
        int httpPort;
        String jmxName;
        Path stateFile;
        boolean stateFileDefaulted;
        ServiceSettings defaults;
        final Map<ServiceKey, ServiceSettings> perService = new HashMap<>();
        final Map<DestinationKey, DestinationSettings> perDestination = new HashMap<>();
        final Set<String> warnings = new LinkedHashSet<>();
    }

    /** True when the service key's text matches one of the {@code services} patterns. */
    public boolean manages(ServiceKey serviceKey) {
        String text = serviceKey.toString();
        return services.stream().anyMatch(p -> p.matcher(text).matches());
    }

    public ServiceSettings service(ServiceKey serviceKey) {
        return perService.getOrDefault(serviceKey, defaults);
    }

    /** The global settings, used by every service without its own section. */
    public ServiceSettings defaultService() {
        return defaults;
    }

    public DestinationSettings destination(DestinationKey destinationKey) {
        return perDestination.getOrDefault(destinationKey, DestinationSettings.NONE);
    }

    /** The same settings with some replaced; validated again (JMX attribute writes, --set). */
    public BridgeConfig with(Map<String, String> changes) throws ConfigException {
        Map<String, String> all = new LinkedHashMap<>(source);
        all.putAll(changes);
        return parse(all);
    }

    /** The raw settings this configuration was built from, sorted by key. */
    public Map<String, String> source() {
        return source;
    }

    public long pollIntervalMillis() {
        return pollIntervalMillis;
    }

    /** The agents' sample interval (agent setting sample-interval), which sets the cycles' phase. */
    public long agentSampleIntervalMillis() {
        return agentSampleIntervalMillis;
    }

    public long pollTimeoutMillis() {
        return pollTimeoutMillis;
    }

    /** 0: write when decided; otherwise the cycle's weights go out at its instant plus this. */
    public long writeDelayMillis() {
        return writeDelayMillis;
    }

    public int maxConcurrentPolls() {
        return maxConcurrentPolls;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public String httpAddress() {
        return httpAddress;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The configured {@code jmx-name}; empty when the bridge derives it (see {@code BridgeName}). */
    public String jmxName() {
        return jmxName;
    }

    /** What is usable but unsafe (a key others can read); logged when the configuration is loaded. */
    public List<String> warnings() {
        return warnings;
    }

    /** Where bases are remembered across restarts, or null for memory only ({@code none}). */
    public Path stateFile() {
        return stateFile;
    }

    /**
     * True when {@code state-file} was not set: {@link #stateFile()} is then the default, which
     * may fall back to other places when it cannot be written.
     */
    public boolean stateFileDefaulted() {
        return stateFileDefaulted;
    }

    /** The agent of a destination: explicit mapping, else {@code RIP:port}. */
    public InetSocketAddress explicitAgent(DestinationKey destinationKey) {
        return destination(destinationKey).agent();
    }
}
