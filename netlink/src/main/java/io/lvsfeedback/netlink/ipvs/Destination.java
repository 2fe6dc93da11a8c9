package io.lvsfeedback.netlink.ipvs;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A real server of a virtual service, immutable: endpoint, forwarding method, weight, connection
 * thresholds, tunnel settings (TUNNEL only), connection counts and stats as the kernel reports them.
 */
public final class Destination {
    private final InetAddress address;
    private final int port;
    private final ForwardingMethod method;
    private final int weight;
    private final int upperThreshold;
    private final int lowerThreshold;
    private final TunnelType tunnelType;
    private final int tunnelPort;
    private final int tunnelFlags;
    private final int activeConnections;
    private final int inactiveConnections;
    private final int persistentConnections;
    private final Stats stats;

    private Destination(Builder builder) {
        this.address = builder.address;
        this.port = builder.port;
        this.method = builder.method;
        this.weight = builder.weight;
        this.upperThreshold = builder.upperThreshold;
        this.lowerThreshold = builder.lowerThreshold;
        this.tunnelType = builder.tunnelType;
        this.tunnelPort = builder.tunnelPort;
        this.tunnelFlags = builder.tunnelFlags;
        this.activeConnections = builder.activeConnections;
        this.inactiveConnections = builder.inactiveConnections;
        this.persistentConnections = builder.persistentConnections;
        this.stats = builder.stats;
    }

    /** A builder with ipvsadm's defaults: DR, weight 1, no thresholds, IPIP tunnel type. */
    public static Builder builder(InetAddress address, int port) {
        return new Builder(address, port);
    }

    /** A builder starting from this destination's settings (counters and stats included). */
    public Builder toBuilder() {
        return new Builder(address, port).method(method).weight(weight)
                .thresholds(upperThreshold, lowerThreshold)
                .tunnel(tunnelType, tunnelPort, tunnelFlags)
                .connections(activeConnections, inactiveConnections, persistentConnections)
                .stats(stats);
    }

    /** The same destination with another weight, everything else kept. */
    public Destination withWeight(int newWeight) {
        return toBuilder().weight(newWeight).build();
    }

    public InetAddress address() {
        return address;
    }

    public int port() {
        return port;
    }

    public InetSocketAddress endpoint() {
        return new InetSocketAddress(address, port);
    }

    public ForwardingMethod method() {
        return method;
    }

    public int weight() {
        return weight;
    }

    /** Upper connection threshold (0: none). */
    public int upperThreshold() {
        return upperThreshold;
    }

    /** Lower connection threshold (0: none). */
    public int lowerThreshold() {
        return lowerThreshold;
    }

    public TunnelType tunnelType() {
        return tunnelType;
    }

    /** GUE destination port (0 when unused). */
    public int tunnelPort() {
        return tunnelPort;
    }

    /** IP_VS_TUNNEL_ENCAP_FLAG_* bits (checksum options of GUE/GRE). */
    public int tunnelFlags() {
        return tunnelFlags;
    }

    public int activeConnections() {
        return activeConnections;
    }

    public int inactiveConnections() {
        return inactiveConnections;
    }

    public int persistentConnections() {
        return persistentConnections;
    }

    public Stats stats() {
        return stats;
    }

    @Override
    public String toString() {
        return AddressLiterals.format(address, port) + " " + method + " weight " + weight;
    }

    /** Builds destinations for {@code addDestination}; the decoder also uses it. */
    public static final class Builder {
        private final InetAddress address;
        private final int port;
        private ForwardingMethod method = ForwardingMethod.DR;
        private int weight = 1;
        private int upperThreshold;
        private int lowerThreshold;
        private TunnelType tunnelType = TunnelType.IPIP;
        private int tunnelPort;
        private int tunnelFlags;
        private int activeConnections;
        private int inactiveConnections;
        private int persistentConnections;
        private Stats stats = Stats.EMPTY;

        private Builder(InetAddress address, int port) {
            this.address = Objects.requireNonNull(address, "address");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("destination port " + port + " is outside 0..65535");
            }
            this.port = port;
        }

        public Builder method(ForwardingMethod method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Weight 0..2147483647 (the kernel's int; ipvsadm itself stops at 65535). */
        public Builder weight(int weight) {
            if (weight < 0) {
                throw new IllegalArgumentException("weight " + weight + " is negative; must be 0..2147483647");
            }
            this.weight = weight;
            return this;
        }

        public Builder thresholds(int upper, int lower) {
            if (upper < 0 || lower < 0) {
                throw new IllegalArgumentException("thresholds must be >= 0, got upper " + upper + ", lower " + lower);
            }
            this.upperThreshold = upper;
            this.lowerThreshold = lower;
            return this;
        }

        public Builder tunnel(TunnelType type, int port, int flags) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("tunnel port " + port + " is outside 0..65535");
            }
            this.tunnelType = Objects.requireNonNull(type, "tunnel type");
            this.tunnelPort = port;
            this.tunnelFlags = flags & 0xFFFF;
            return this;
        }

        public Builder connections(int active, int inactive, int persistent) {
            this.activeConnections = active;
            this.inactiveConnections = inactive;
            this.persistentConnections = persistent;
            return this;
        }

        public Builder stats(Stats stats) {
            this.stats = Objects.requireNonNull(stats, "stats");
            return this;
        }

        public Destination build() {
            return new Destination(this);
        }
    }
}
