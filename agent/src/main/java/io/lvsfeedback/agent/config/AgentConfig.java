package io.lvsfeedback.agent.config;

import io.lvsfeedback.agent.probe.ProbeTarget;
import io.lvsfeedback.agent.realserver.Forwarding;
import io.lvsfeedback.agent.realserver.NetworkMode;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The agent's settings after merging and validation. Immutable; see {@link ConfigLoader}. */
public final class AgentConfig {
    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration HOUR = Duration.ofHours(1);

    private final Map<String, String> raw;
    private final List<InetAddress> vips;
    private final Forwarding forwarding;
    private final NetworkMode network;
    private final InetAddress director;
    private final List<String> interfaces;
    private final int port;
    private final InetAddress bind;
    private final Path secretFile;
    private final boolean jmx;
    private final String jmxName;
    private final Duration requestWait;
    private final Duration readTimeout;
    private final int maxConnections;
    private final List<InetAddress> bridges;
    private final Duration drainTimeout;
    private final Duration reverifyInterval;
    private final Duration sampleInterval;
    private final Duration smoothing;
    private final Duration capacityExpiry;
    private final ProbeTarget idleProbe;
    private final Duration gcWindow;
    private final double gcLimit;
    private final double heapHigh;
    private final SignalWeights signalWeights;
    private final int minWeight;
    private final String meter;
    private final boolean serverStats;
    private final List<Path> checkPaths;
    private final Duration checkTimeout;
    private final Duration checkInterval;
    private final Path sysctlRoot;
    private final Path sharedDir;

    private AgentConfig(Map<String, String> settings) throws ConfigException {
        SettingReader r = new SettingReader(settings);
        this.raw = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.vips = r.addresses(Keys.VIP);
        this.forwarding = r.choice(Keys.FORWARDING, Forwarding.class);
        this.network = r.choice(Keys.NETWORK, NetworkMode.class);
        this.director = r.address(Keys.DIRECTOR);
        this.interfaces = r.interfaces(Keys.INTERFACES);
        this.port = r.integer(Keys.PORT, 0, 65535);
        InetAddress b = r.address(Keys.BIND);
        if (b == null) {
            throw new ConfigException(Keys.BIND, "", "expected an IPv4 or IPv6 address");
        }
        this.bind = b;
        this.secretFile = r.path(Keys.SECRET_FILE);
        this.jmx = r.onOff(Keys.JMX);
        this.jmxName = r.text(Keys.JMX_NAME);
        if (!jmxName.isEmpty() && !jmxName.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new ConfigException(Keys.JMX_NAME, jmxName, "expected up to 64 letters, digits, '.', '_', '@' or '-'");
        }
        this.requestWait = r.duration(Keys.REQUEST_WAIT, Duration.ZERO, Duration.ofSeconds(10));
        this.readTimeout = r.duration(Keys.READ_TIMEOUT, Duration.ofMillis(10), Duration.ofSeconds(60));
        this.maxConnections = r.integer(Keys.MAX_CONNECTIONS, 1, 4096);
        this.bridges = r.addresses(Keys.BRIDGES);
        this.drainTimeout = r.duration(Keys.DRAIN_TIMEOUT, Duration.ZERO, HOUR);
        this.reverifyInterval = r.duration(Keys.REVERIFY_INTERVAL, Duration.ofSeconds(1), HOUR);
        this.sampleInterval = r.duration(Keys.SAMPLE_INTERVAL, Duration.ofMillis(50), Duration.ofMinutes(1));
        this.smoothing = r.duration(Keys.SMOOTHING, SettingRanges.SMOOTHING);
        this.capacityExpiry = r.duration(Keys.CAPACITY_EXPIRY, SettingRanges.CAPACITY_EXPIRY);
        String probe = r.text(Keys.IDLE_PROBE);
        try {
            this.idleProbe = probe.isEmpty() ? null : ProbeTarget.parse(probe);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Keys.IDLE_PROBE, probe, e.getMessage());
        }
        this.gcWindow = r.duration(Keys.GC_WINDOW, Duration.ofSeconds(1), HOUR);
        this.gcLimit = r.number(Keys.GC_LIMIT, 0.001, 1.0);
        this.heapHigh = r.number(Keys.HEAP_HIGH, 0.51, 1.0);
        this.signalWeights = new SignalWeights(
                r.number(Keys.WEIGHT_CPU, SettingRanges.SIGNAL_WEIGHT), r.number(Keys.WEIGHT_GC, SettingRanges.SIGNAL_WEIGHT),
                r.number(Keys.WEIGHT_HEAP, SettingRanges.SIGNAL_WEIGHT), r.number(Keys.WEIGHT_POOL, SettingRanges.SIGNAL_WEIGHT));
        this.minWeight = r.integer(Keys.MIN_WEIGHT, SettingRanges.MIN_WEIGHT);
        this.meter = r.text(Keys.METER);
        this.serverStats = r.onOff(Keys.SERVER_STATS);
        this.checkPaths = r.paths(Keys.CHECK_PATH);
        this.checkTimeout = r.duration(Keys.CHECK_TIMEOUT, MS, Duration.ofMinutes(5));
        this.checkInterval = r.duration(Keys.CHECK_INTERVAL, Duration.ofMillis(100), HOUR);
        this.sysctlRoot = r.path(Keys.SYSCTL_ROOT);
        if (sysctlRoot == null) {
            throw new ConfigException(Keys.SYSCTL_ROOT, "", "expected a directory (normally /proc/sys)");
        }
        this.sharedDir = r.path(Keys.SHARED_DIR);
        if (sharedDir == null) {
            throw new ConfigException(Keys.SHARED_DIR, "", "expected a directory (normally /run/lvs-feedback)");
        }
        if (network == NetworkMode.CONFIGURE && forwarding != Forwarding.NAT && vips.isEmpty()) {
            throw new ConfigException(Keys.VIP, "", "network=configure with forwarding="
                    + forwarding.name().toLowerCase(java.util.Locale.ROOT) + " needs at least one vip");
        }
    }

    /** Validates a complete map of settings (defaults included). */
    static AgentConfig of(Map<String, String> settings) throws ConfigException {
        return new AgentConfig(settings);
    }

    public List<InetAddress> vips() {
        return vips;
    }

    public Forwarding forwarding() {
        return forwarding;
    }

    public NetworkMode network() {
        return network;
    }

    /** nat: where the default route must point; null when not checked. */
    public InetAddress director() {
        return director;
    }

    /** Outward interfaces for the ARP sysctls; empty means auto-detect. */
    public List<String> interfaces() {
        return interfaces;
    }

    public int port() {
        return port;
    }

    public InetAddress bind() {
        return bind;
    }

    /** Null when reports are unauthenticated. */
    public Path secretFile() {
        return secretFile;
    }

    public boolean jmx() {
        return jmx;
    }

    /** The {@code name=} of the agent's MXBeans; empty: {@code port-<feedback port>}. */
    public String jmxName() {
        return jmxName;
    }

    public Duration requestWait() {
        return requestWait;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** Addresses whose requests are served first and whose connections are never closed for others. */
    public List<InetAddress> bridges() {
        return bridges;
    }

    public Duration drainTimeout() {
        return drainTimeout;
    }

    public Duration reverifyInterval() {
        return reverifyInterval;
    }

    public Duration sampleInterval() {
        return sampleInterval;
    }

    public Duration smoothing() {
        return smoothing;
    }

    /** How long an idle server's capacity stands without a completed request to confirm it; zero: for ever. */
    public Duration capacityExpiry() {
        return capacityExpiry;
    }

    /** Where the idle probe sends its GET while the server gets no requests; null: no probe. */
    public ProbeTarget idleProbe() {
        return idleProbe;
    }

    public Duration gcWindow() {
        return gcWindow;
    }

    public double gcLimit() {
        return gcLimit;
    }

    public double heapHigh() {
        return heapHigh;
    }

    public SignalWeights signalWeights() {
        return signalWeights;
    }

    public int minWeight() {
        return minWeight;
    }

    public String meter() {
        return meter;
    }

    /** Whether premain sets the system properties that make servers publish statistics (ServerStatistics). */
    public boolean serverStats() {
        return serverStats;
    }

    public List<Path> checkPaths() {
        return checkPaths;
    }

    public Duration checkTimeout() {
        return checkTimeout;
    }

    public Duration checkInterval() {
        return checkInterval;
    }

    /** Where the sysctls are read and written; /proc/sys except in tests and odd containers. */
    public Path sysctlRoot() {
        return sysctlRoot;
    }

    /** Where the agent JVMs of this host record who uses which VIP, so the last one to stop undoes. */
    public Path sharedDir() {
        return sharedDir;
    }

    @Override
    public String toString() {
        return "AgentConfig" + raw;
    }

    /** Names of the settings (the keys of defaults.properties). */
    public static final class Keys {
        public static final String CONFIG = "config";
        public static final String VIP = "vip";
        public static final String FORWARDING = "forwarding";
        public static final String NETWORK = "network";
        public static final String DIRECTOR = "director";
        public static final String INTERFACES = "interfaces";
        public static final String PORT = "port";
        public static final String BIND = "bind";
        public static final String SECRET_FILE = "secret-file";
        public static final String JMX = "jmx";
        public static final String JMX_NAME = "jmx-name";
        public static final String REQUEST_WAIT = "request-wait";
        public static final String READ_TIMEOUT = "read-timeout";
        public static final String MAX_CONNECTIONS = "max-connections";
        public static final String BRIDGES = "bridges";
        public static final String DRAIN_TIMEOUT = "drain-timeout";
        public static final String REVERIFY_INTERVAL = "reverify-interval";
        public static final String SAMPLE_INTERVAL = "sample-interval";
        public static final String SMOOTHING = "smoothing";
        public static final String CAPACITY_EXPIRY = "capacity-expiry";
        public static final String IDLE_PROBE = "idle-probe";
        public static final String GC_WINDOW = "gc-window";
        public static final String GC_LIMIT = "gc-limit";
        public static final String HEAP_HIGH = "heap-high";
        public static final String WEIGHT_CPU = "weight.cpu";
        public static final String WEIGHT_GC = "weight.gc";
        public static final String WEIGHT_HEAP = "weight.heap";
        public static final String WEIGHT_POOL = "weight.pool";
        public static final String MIN_WEIGHT = "min-weight";
        public static final String METER = "meter";
        public static final String SERVER_STATS = "server-stats";
        public static final String CHECK_PATH = "check.path";
        public static final String CHECK_TIMEOUT = "check.timeout";
        public static final String CHECK_INTERVAL = "check.interval";
        public static final String SYSCTL_ROOT = "sysctl-root";
        public static final String SHARED_DIR = "shared-dir";

        private Keys() {}
    }
}
