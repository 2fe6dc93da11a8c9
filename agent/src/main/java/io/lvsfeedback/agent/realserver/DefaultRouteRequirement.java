package io.lvsfeedback.agent.realserver;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * VS/NAT: replies must leave through the director, so the default route must point at it. Only
 * checked: changing a host's default route is an operator's decision.
 */
final class DefaultRouteRequirement implements Requirement {
    private final InetAddress director;
    private final boolean ipv6;
    private final RouteTables routes;

    /** {@code director} may be null: then any default route passes. */
    DefaultRouteRequirement(InetAddress director, boolean ipv6, RouteTables routes) {
        this.director = director;
        this.ipv6 = ipv6;
        this.routes = routes;
    }

    @Override
    public String name() {
        return ipv6 ? "default route (IPv6)" : "default route";
    }

    private String expected() {
        return director == null ? "present (director not configured)" : "via " + Addresses.format(director);
    }

    private String fix() {
        String via = director == null ? "DIRECTOR" : Addresses.format(director);
        return "ip " + (ipv6 ? "-6 " : "") + "route replace default via " + via;
    }

    @Override
    public Check verify() {
        try {
            Optional<DefaultRoute> route = routes.defaultRoute(ipv6);
            if (!route.isPresent()) {
                return Check.failed(name(), expected(), "none", fix());
            }
            boolean ok = director == null || route.get().gateway().map(director::equals).orElse(false);
            return ok ? Check.passed(name(), expected(), route.get().toString())
                    : Check.failed(name(), expected(), route.get().toString(), fix());
        } catch (EnvironmentException e) {
            return Check.failed(name(), expected(), "unknown: " + e.getMessage(), fix());
        }
    }

    @Override
    public void configure() {}

    @Override
    public Optional<Check> undo() {
        return Optional.empty();
    }

    static boolean isIpv6(InetAddress address) {
        return !(address instanceof Inet4Address);
    }
}
