package io.lvsfeedback.agent.realserver;

import java.net.InetAddress;
import java.util.Optional;

/** One default route as the kernel lists it: gateway (absent for a device route), interface, metric. */
final class DefaultRoute {
    private final InetAddress gateway;
    private final String ifname;
    private final long metric;

    DefaultRoute(InetAddress gateway, String ifname, long metric) {
        this.gateway = gateway;
        this.ifname = ifname;
        this.metric = metric;
    }

    Optional<InetAddress> gateway() {
        return Optional.ofNullable(gateway);
    }

    String ifname() {
        return ifname;
    }

    long metric() {
        return metric;
    }

    @Override
    public String toString() {
        return (gateway == null ? "" : "via " + Addresses.format(gateway) + " ") + "dev " + ifname;
    }
}
