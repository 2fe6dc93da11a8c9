package io.lvsfeedback.netlink.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An IPVS virtual service, immutable: its {@link ServiceKey} plus scheduler, flags, persistence
 * timeout, netmask, persistence engine and stats. {@link #toString()} is the key's CLI form.
 */
public final class Service {
    /** IP_VS_SVC_F_PERSISTENT. */
    public static final int FLAG_PERSISTENT = 0x1;
    /** IP_VS_SVC_F_ONEPACKET. */
    public static final int FLAG_ONE_PACKET = 0x4;

    private final ServiceKey key;
    private final String scheduler;
    private final int flags;
    private final int timeoutSeconds;
    private final int netmask;
    private final String persistenceEngine;
    private final Stats stats;

    private Service(Builder builder) {
        this.key = builder.key;
        this.scheduler = builder.scheduler;
        this.flags = builder.flags;
        this.timeoutSeconds = builder.timeoutSeconds;
        this.netmask = builder.netmask;
        this.persistenceEngine = builder.persistenceEngine;
        this.stats = builder.stats;
    }

    /** A builder with ipvsadm's defaults: scheduler wlc, no flags, netmask /32 or /128. */
    public static Builder builder(ServiceKey key) {
        return new Builder(key);
    }

    public ServiceKey key() {
        return key;
    }

    public boolean isIpv6() {
        return key.isIpv6();
    }

    /** Protocol, or null for a firewall-mark service. */
    public Protocol protocol() {
        return key.protocol();
    }

    /** Virtual address, or null for a firewall-mark service. */
    public InetAddress address() {
        return key.address();
    }

    public int port() {
        return key.port();
    }

    /** Firewall mark, 0 for an address+port service. */
    public int firewallMark() {
        return key.firewallMarkValue();
    }

    public String scheduler() {
        return scheduler;
    }

    /** IP_VS_SVC_F_* bits as set by users (the kernel-internal HASHED bit is dropped). */
    public int flags() {
        return flags;
    }

    public boolean isPersistent() {
        return (flags & FLAG_PERSISTENT) != 0;
    }

    /** Persistence timeout in seconds. */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /** Persistence netmask: an IPv4 mask as a host-order int (0xFFFFFFFF for /32), or an IPv6 prefix length. */
    public int netmask() {
        return netmask;
    }

    /** Persistence engine name (e.g. "sip"), or null. */
    public String persistenceEngine() {
        return persistenceEngine;
    }

    public Stats stats() {
        return stats;
    }

    @Override
    public String toString() {
        return key.toString();
    }

    /** Builds services for {@code addService}; the decoder also uses it. */
    public static final class Builder {
        private final ServiceKey key;
        private String scheduler = "wlc";
        private int flags;
        private int timeoutSeconds;
        private int netmask;
        private String persistenceEngine;
        private Stats stats = Stats.EMPTY;

        private Builder(ServiceKey key) {
            this.key = Objects.requireNonNull(key, "key");
            this.netmask = key.isIpv6() ? 128 : 0xFFFFFFFF;
        }

        public Builder scheduler(String scheduler) {
            if (scheduler == null || scheduler.isEmpty() || scheduler.length() > 15) {
                throw new IllegalArgumentException("bad scheduler name '" + scheduler + "': 1 to 15 characters");
            }
            this.scheduler = scheduler;
            return this;
        }

        public Builder flags(int flags) {
            this.flags = flags & ~IpvsConstants.SVC_F_HASHED;
            return this;
        }

        /** Makes the service persistent with this timeout (seconds, > 0). */
        public Builder persistent(int timeoutSeconds) {
            if (timeoutSeconds <= 0) {
                throw new IllegalArgumentException("persistence timeout must be > 0 seconds, got " + timeoutSeconds);
            }
            this.flags |= FLAG_PERSISTENT;
            this.timeoutSeconds = timeoutSeconds;
            return this;
        }

        public Builder timeoutSeconds(int timeoutSeconds) {
            this.timeoutSeconds = timeoutSeconds;
            return this;
        }

        public Builder netmask(int netmask) {
            this.netmask = netmask;
            return this;
        }

        public Builder persistenceEngine(String name) {
            this.persistenceEngine = name;
            return this;
        }

        public Builder stats(Stats stats) {
            this.stats = Objects.requireNonNull(stats, "stats");
            return this;
        }

        public Service build() {
            return new Service(this);
        }
    }
}
