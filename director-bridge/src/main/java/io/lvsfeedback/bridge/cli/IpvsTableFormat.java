package io.lvsfeedback.bridge.cli;

import io.lvsfeedback.netlink.ipvs.AddressLiterals;
import io.lvsfeedback.netlink.ipvs.Destination;
import io.lvsfeedback.netlink.ipvs.IpvsInfo;
import io.lvsfeedback.netlink.ipvs.Service;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Lays the IPVS table out exactly like {@code ipvsadm -Ln}, so operators and scripts read it the same way. */
final class IpvsTableFormat {
    private static final int FLAG_ONE_PACKET = 0x4;
    private static final int[] SCHED_FLAGS = {0x8, 0x10, 0x20};

    private IpvsTableFormat() {
    }

    static String format(IpvsInfo info, Map<Service, List<Destination>> table) {
        StringBuilder out = new StringBuilder();
        out.append(info).append('\n');
        out.append("Prot LocalAddress:Port Scheduler Flags\n");
        out.append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        for (Map.Entry<Service, List<Destination>> entry : table.entrySet()) {
            out.append(serviceLine(entry.getKey())).append('\n');
            for (Destination destination : entry.getValue()) {
                out.append(String.format(Locale.ROOT, "  -> %-28s %-7s %-6d %-10d %-10d\n",
                        AddressLiterals.format(destination.address(), destination.port()),
                        destination.method().ipvsadmName(), destination.weight(),
                        destination.activeConnections(), destination.inactiveConnections()));
            }
        }
        return out.toString();
    }

    /**
     * Orders services and destinations as ipvsadm does unless given --nosort: libipvs's comparators,
     * including their int arithmetic on unsigned fields (so 200.0.0.1 sorts before 10.0.0.1).
     */
    static Map<Service, List<Destination>> sortLikeIpvsadm(Map<Service, List<Destination>> table) {
        List<Service> services = new ArrayList<>(table.keySet());
        services.sort(IpvsTableFormat::compareServices);
        Map<Service, List<Destination>> sorted = new LinkedHashMap<>();
        for (Service service : services) {
            List<Destination> destinations = new ArrayList<>(table.get(service));
            destinations.sort((a, b) -> {
                int r = compareAddresses(a.address(), b.address());
                return r != 0 ? r : a.port() - b.port();
            });
            sorted.put(service, destinations);
        }
        return sorted;
    }

    private static int compareServices(Service a, Service b) {
        int r = a.firewallMark() - b.firewallMark();
        if (r != 0) {
            return r;
        }
        r = family(a) - family(b);
        if (r != 0) {
            return r;
        }
        r = protocolNumber(a) - protocolNumber(b);
        if (r != 0) {
            return r;
        }
        if (a.address() != null && b.address() != null) {
            r = compareAddresses(a.address(), b.address());
        }
        return r != 0 ? r : a.port() - b.port();
    }

    /** Word by word, each as ntohl(a) - ntohl(b) in 32-bit int arithmetic, like libipvs. */
    private static int compareAddresses(InetAddress a, InetAddress b) {
        ByteBuffer x = ByteBuffer.wrap(a.getAddress());
        ByteBuffer y = ByteBuffer.wrap(b.getAddress());
        int r = 0;
        while (r == 0 && x.remaining() >= 4 && y.remaining() >= 4) {
            r = x.getInt() - y.getInt();
        }
        return r;
    }

    private static int family(Service service) {
        return service.isIpv6() ? 10 : 2;
    }

    private static int protocolNumber(Service service) {
        return service.protocol() == null ? 0 : service.protocol().number();
    }

    static String serviceLine(Service service) {
        StringBuilder line = new StringBuilder();
        if (service.firewallMark() != 0) {
            line.append(String.format(Locale.ROOT, "%-4s %s", "FWM", Integer.toUnsignedString(service.firewallMark())));
        } else {
            line.append(String.format(Locale.ROOT, "%-4s %s", service.protocol().name(),
                    AddressLiterals.format(service.address(), service.port())));
        }
        line.append(' ').append(service.scheduler());
        if (service.isPersistent()) {
            line.append(" persistent ").append(Integer.toUnsignedString(service.timeoutSeconds()));
            if (!service.isIpv6() && service.netmask() != 0xFFFFFFFF) {
                line.append(" mask ").append(ipv4Mask(service.netmask()));
            } else if (service.isIpv6() && service.netmask() != 128) {
                line.append(" mask ").append(service.netmask());
            }
            if (service.persistenceEngine() != null && !service.persistenceEngine().isEmpty()) {
                line.append(" pe ").append(service.persistenceEngine());
            }
        }
        if ((service.flags() & FLAG_ONE_PACKET) != 0) {
            line.append(" ops");
        }
        for (int i = 0; i < SCHED_FLAGS.length; i++) {
            if ((service.flags() & SCHED_FLAGS[i]) != 0) {
                line.append(' ').append(schedulerFlagName(service.scheduler(), i + 1));
            }
        }
        return line.toString();
    }

    /** ipvsadm's names for the scheduler flags of sh and mh; "flag-N" for others. */
    private static String schedulerFlagName(String scheduler, int flag) {
        if ((scheduler.equals("sh") || scheduler.equals("mh")) && flag <= 2) {
            return scheduler + (flag == 1 ? "-fallback" : "-port");
        }
        return "flag-" + flag;
    }

    /** The kernel keeps the IPv4 mask in network byte order; the model holds its raw bits. */
    private static String ipv4Mask(int raw) {
        byte[] bytes = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(raw).array();
        return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + "." + (bytes[3] & 0xFF);
    }
}
