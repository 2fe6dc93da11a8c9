package io.lvsfeedback.agent.realserver;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns the settings into the list of requirements, in the order they must be applied (a tunnel
 * before its address and sysctls). Requirements are kept by name, so what one pass changed is
 * still known when a later pass, or undo, runs.
 */
final class RequirementPlan {
    static final String TUNNEL_V4 = "tunl0";
    static final String TUNNEL_V6 = "ip6tnl0";

    private static final Set<String> ARP_IGNORE_OK = set("1", "2");
    private static final Set<String> ARP_ANNOUNCE_OK = set("2");
    private static final Set<String> RP_FILTER_OK = set("0", "2");

    private final RealServerSettings settings;
    private final AddressOps ops;
    private final Sysctls sysctls;
    private final NetInterfaces interfaces;
    private final RouteTables routes;
    private final SystemCommands commands;
    private final SharedUse shared;
    private final Map<String, Requirement> known = new LinkedHashMap<>();

    RequirementPlan(RealServerSettings settings, AddressOps ops, SystemCommands commands, SharedUse shared) {
        this.settings = settings;
        this.ops = ops;
        this.commands = commands;
        this.shared = shared;
        this.sysctls = new Sysctls(settings.sysctlRoot());
        this.interfaces = new NetInterfaces(settings.sysRoot());
        this.routes = new RouteTables(settings.procNetRoot());
    }

    /** The requirements as of now (auto-detected outward interfaces may change between passes). */
    List<Requirement> current() {
        List<Requirement> list = new ArrayList<>();
        switch (settings.forwarding()) {
            case DR:
                list.add(linkUp("lo"));
                for (InetAddress vip : settings.vips()) {
                    list.add(vip("lo", vip));
                }
                if (settings.hasIpv4Vip()) {
                    addArpSysctls(list);
                }
                break;
            case TUN:
                if (settings.hasIpv4Vip()) {
                    addTunnel(list, TUNNEL_V4, "ipip", true);
                    list.add(sysctl("all", "rp_filter", "0", RP_FILTER_OK, "0 or 2"));
                    list.add(sysctl(TUNNEL_V4, "rp_filter", "0", RP_FILTER_OK, "0 or 2"));
                    // The VIP on tunl0 is still a local address: without these the real server
                    // answers ARP for it on its LAN, as in DR (the LVS "ARP problem").
                    addArpSysctls(list);
                }
                if (settings.hasIpv6Vip()) {
                    addTunnel(list, TUNNEL_V6, "ip6_tunnel", false);
                }
                break;
            case NAT:
                Optional<InetAddress> director = settings.director();
                boolean ipv6 = director.map(DefaultRouteRequirement::isIpv6).orElse(false);
                list.add(known("default route" + ipv6,
                        () -> new DefaultRouteRequirement(director.orElse(null), ipv6, routes)));
                break;
            default:
                throw new IllegalStateException("unknown forwarding " + settings.forwarding());
        }
        return list;
    }

    /** Every requirement ever planned, newest last: undo walks it backwards. */
    List<Requirement> all() {
        return new ArrayList<>(known.values());
    }

    private void addArpSysctls(List<Requirement> list) {
        for (String ifname : arpInterfaces()) {
            list.add(sysctl(ifname, "arp_ignore", "1", ARP_IGNORE_OK, "1 or 2"));
            list.add(sysctl(ifname, "arp_announce", "2", ARP_ANNOUNCE_OK, "2"));
        }
    }

    private void addTunnel(List<Requirement> list, String tunnel, String module, boolean ipv4) {
        list.add(known("interface " + tunnel, () -> new InterfaceRequirement(tunnel, module, interfaces, commands)));
        list.add(linkUp(tunnel));
        for (InetAddress vip : settings.vips()) {
            if ((vip instanceof Inet4Address) == ipv4) {
                list.add(vip(tunnel, vip));
            }
        }
    }

    /**
     * {@code all} plus the outward interfaces: configured ones, or up non-loopback ones and the
     * default-route one. Not the tunnel devices: like lo in DR they hold the VIP instead of facing
     * the LAN, and configuring brings tunl0 up, so counting it would make the verify pass right
     * after a configure look for sysctls the configure never planned.
     */
    List<String> arpInterfaces() {
        Set<String> names = new java.util.LinkedHashSet<>();
        names.add("all");
        if (!settings.outwardInterfaces().isEmpty()) {
            names.addAll(settings.outwardInterfaces());
            return new ArrayList<>(names);
        }
        for (String ifname : interfaces.names()) {
            if (interfaces.isUp(ifname) && !interfaces.isLoopback(ifname) && !isTunnel(ifname)) {
                names.add(ifname);
            }
        }
        try {
            routes.defaultRoute(false).ifPresent(r -> names.add(r.ifname()));
        } catch (EnvironmentException e) {
            // No readable route table: the up interfaces are all we know.
        }
        return new ArrayList<>(names);
    }

    private static boolean isTunnel(String ifname) {
        return TUNNEL_V4.equals(ifname) || TUNNEL_V6.equals(ifname);
    }

    private Requirement vip(String ifname, InetAddress vip) {
        return known("vip " + Addresses.format(vip) + " " + ifname, () -> new VipRequirement(ifname, vip, ops, shared));
    }

    private Requirement linkUp(String ifname) {
        return known("link " + ifname, () -> new LinkUpRequirement(ifname, interfaces, commands));
    }

    private Requirement sysctl(String ifname, String setting, String target, Set<String> ok, String expected) {
        SysctlKey key = SysctlKey.ipv4Conf(ifname, setting);
        return known("sysctl " + key.name(), () -> new SysctlRequirement(key, target, ok, expected, sysctls, shared));
    }

    private Requirement known(String id, Supplier<Requirement> create) {
        return known.computeIfAbsent(id, k -> create.get());
    }

    private static Set<String> set(String... values) {
        return Collections.unmodifiableSet(new HashSet<>(Arrays.asList(values)));
    }
}
