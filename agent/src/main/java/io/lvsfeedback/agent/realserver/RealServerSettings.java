package io.lvsfeedback.agent.realserver;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the real server must look like: its VIPs, the forwarding method, and how much the agent may
 * do about it. Immutable; built and validated by {@link Builder}, which names the bad value.
 */
public final class RealServerSettings {
    /** Linux interface names: 1..15 characters, no '/', no whitespace ({@code dev_valid_name}). */
    private static final Pattern INTERFACE_NAME = Pattern.compile("[^/\\s:]{1,15}");

    private final List<InetAddress> vips;
    private final Forwarding forwarding;
    private final NetworkMode mode;
    private final List<String> outwardInterfaces;
    private final InetAddress director;
    private final Duration reverifyInterval;
    private final Path sysctlRoot;
    private final Path sysRoot;
    private final Path procNetRoot;
    private final Path sharedDir;
    /** The default of {@link #sharedDir()}: a tmpfs, so the record of a host's agents dies with the boot. */
    public static final String DEFAULT_SHARED_DIR = "/run/lvs-feedback";

    private RealServerSettings(Builder b) {
        this.vips = Collections.unmodifiableList(new ArrayList<>(b.vips));
        this.forwarding = b.forwarding;
        this.mode = b.mode;
        this.outwardInterfaces = Collections.unmodifiableList(new ArrayList<>(b.outwardInterfaces));
        this.director = b.director;
        this.reverifyInterval = b.reverifyInterval;
        this.sysctlRoot = b.sysctlRoot;
        this.sysRoot = b.sysRoot;
        this.procNetRoot = b.procNetRoot;
        this.sharedDir = b.sharedDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<InetAddress> vips() {
        return vips;
    }

    public Forwarding forwarding() {
        return forwarding;
    }

    public NetworkMode mode() {
        return mode;
    }

    /** Interfaces that get the ARP sysctls; empty means "find them" (up non-loopback ones plus the default-route one). */
    public List<String> outwardInterfaces() {
        return outwardInterfaces;
    }

    /** For NAT: the default route must point at this address. */
    public Optional<InetAddress> director() {
        return Optional.ofNullable(director);
    }

    public Duration reverifyInterval() {
        return reverifyInterval;
    }

    /** Normally {@code /proc/sys}. */
    public Path sysctlRoot() {
        return sysctlRoot;
    }

    /** Normally {@code /sys}. */
    public Path sysRoot() {
        return sysRoot;
    }

    /** Normally {@code /proc/net} (the calling thread's network namespace). */
    public Path sharedDir() {
        return sharedDir;
    }

    public Path procNetRoot() {
        return procNetRoot;
    }

    boolean hasIpv4Vip() {
        return vips.stream().anyMatch(a -> a instanceof Inet4Address);
    }

    boolean hasIpv6Vip() {
        return vips.stream().anyMatch(a -> !(a instanceof Inet4Address));
    }

    @Override
    public String toString() {
        return "RealServerSettings{vips=" + vips + ", forwarding=" + forwarding + ", mode=" + mode
                + ", outward=" + (outwardInterfaces.isEmpty() ? "auto" : outwardInterfaces)
                + ", director=" + (director == null ? "-" : Addresses.format(director))
                + ", reverify=" + reverifyInterval + "}";
    }

    /** Collects and validates the settings; {@link #build()} throws naming the first bad value. */
    public static final class Builder {
        private final List<InetAddress> vips = new ArrayList<>();
        private Forwarding forwarding = Forwarding.DR;
        private NetworkMode mode = NetworkMode.VERIFY;
        private final List<String> outwardInterfaces = new ArrayList<>();
        private InetAddress director;
        private Duration reverifyInterval = Duration.ofSeconds(30);
        private Path sysctlRoot = Paths.get("/proc/sys");
        private Path sysRoot = Paths.get("/sys");
        private Path procNetRoot = Paths.get("/proc/net");
        private Path sharedDir = Paths.get(DEFAULT_SHARED_DIR);

        private Builder() {}

        public Builder vips(List<InetAddress> addresses) {
            vips.clear();
            for (InetAddress a : Objects.requireNonNull(addresses, "vips")) {
                vip(a);
            }
            return this;
        }

        public Builder vip(InetAddress address) {
            Objects.requireNonNull(address, "vip");
            if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()
                    || address.isLinkLocalAddress()) {
                throw new IllegalArgumentException(
                        "vip " + Addresses.format(address) + ": not a unicast address a director can forward to");
            }
            if (!vips.contains(address)) {
                vips.add(address);
            }
            return this;
        }

        public Builder forwarding(Forwarding value) {
            this.forwarding = Objects.requireNonNull(value, "forwarding");
            return this;
        }

        public Builder mode(NetworkMode value) {
            this.mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        public Builder outwardInterfaces(List<String> names) {
            outwardInterfaces.clear();
            for (String n : Objects.requireNonNull(names, "outwardInterfaces")) {
                if (n == null || !INTERFACE_NAME.matcher(n).matches() || n.equals(".") || n.equals("..")) {
                    throw new IllegalArgumentException("outward interface '" + n + "': not a valid interface name");
                }
                if (!outwardInterfaces.contains(n)) {
                    outwardInterfaces.add(n);
                }
            }
            return this;
        }

        public Builder director(InetAddress address) {
            this.director = address;
            return this;
        }

        public Builder reverifyInterval(Duration interval) {
            Objects.requireNonNull(interval, "reverifyInterval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("reverify interval " + interval + ": must be positive");
            }
            this.reverifyInterval = interval;
            return this;
        }

        public Builder sysctlRoot(Path root) {
            this.sysctlRoot = Objects.requireNonNull(root, "sysctlRoot");
            return this;
        }

        public Builder sysRoot(Path root) {
            this.sysRoot = Objects.requireNonNull(root, "sysRoot");
            return this;
        }

        /** Where agent JVMs of this host record who uses which VIP (one subdirectory per network namespace). */
        public Builder sharedDir(Path dir) {
            this.sharedDir = Objects.requireNonNull(dir, "sharedDir");
            return this;
        }

        public Builder procNetRoot(Path root) {
            this.procNetRoot = Objects.requireNonNull(root, "procNetRoot");
            return this;
        }

        public RealServerSettings build() {
            if (mode != NetworkMode.OFF && forwarding != Forwarding.NAT && vips.isEmpty()) {
                throw new IllegalArgumentException(
                        "vip: at least one VIP is required for forwarding=" + forwarding.name().toLowerCase());
            }
            return new RealServerSettings(this);
        }
    }
}
