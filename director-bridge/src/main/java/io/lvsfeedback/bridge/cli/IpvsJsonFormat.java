package io.lvsfeedback.bridge.cli;

import io.lvsfeedback.bridge.json.JsonWriter;
import io.lvsfeedback.netlink.ipvs.AddressLiterals;
import io.lvsfeedback.netlink.ipvs.Destination;
import io.lvsfeedback.netlink.ipvs.IpvsInfo;
import io.lvsfeedback.netlink.ipvs.Service;
import io.lvsfeedback.netlink.ipvs.Stats;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/** The IPVS table as one JSON document (hand-written: the bridge carries no JSON library). */
final class IpvsJsonFormat {
    private IpvsJsonFormat() {
    }

    static String format(IpvsInfo info, Map<Service, List<Destination>> table) {
        StringBuilder out = new StringBuilder();
        out.append("{\"version\":").append(string(info.version()))
                .append(",\"connectionTableSize\":").append(info.connectionTableSize())
                .append(",\"services\":[");
        boolean firstService = true;
        for (Map.Entry<Service, List<Destination>> entry : table.entrySet()) {
            if (!firstService) {
                out.append(',');
            }
            firstService = false;
            service(out, entry.getKey());
            out.append(",\"destinations\":[");
            boolean firstDestination = true;
            for (Destination destination : entry.getValue()) {
                if (!firstDestination) {
                    out.append(',');
                }
                firstDestination = false;
                destination(out, destination);
            }
            out.append("]}");
        }
        return out.append("]}\n").toString();
    }

    private static void service(StringBuilder out, Service service) {
        out.append("{\"key\":").append(string(service.key().toString()))
                .append(",\"family\":").append(string(service.isIpv6() ? "inet6" : "inet"))
                .append(",\"protocol\":").append(service.protocol() == null ? "null" : string(service.protocol().keyName()))
                .append(",\"address\":").append(address(service.address()))
                .append(",\"port\":").append(service.port())
                .append(",\"firewallMark\":").append(Integer.toUnsignedString(service.firewallMark()))
                .append(",\"scheduler\":").append(string(service.scheduler()))
                .append(",\"flags\":").append(Integer.toUnsignedString(service.flags()))
                .append(",\"persistent\":").append(service.isPersistent())
                .append(",\"timeout\":").append(Integer.toUnsignedString(service.timeoutSeconds()))
                .append(",\"netmask\":").append(Integer.toUnsignedString(service.netmask()))
                .append(",\"persistenceEngine\":").append(service.persistenceEngine() == null ? "null" : string(service.persistenceEngine()))
                .append(",\"stats\":");
        stats(out, service.stats());
    }

    private static void destination(StringBuilder out, Destination d) {
        out.append("{\"address\":").append(address(d.address()))
                .append(",\"port\":").append(d.port())
                .append(",\"forward\":").append(string(d.method().name()))
                .append(",\"weight\":").append(d.weight())
                .append(",\"upperThreshold\":").append(d.upperThreshold())
                .append(",\"lowerThreshold\":").append(d.lowerThreshold())
                .append(",\"tunnelType\":").append(string(d.tunnelType().name()))
                .append(",\"tunnelPort\":").append(d.tunnelPort())
                .append(",\"tunnelFlags\":").append(d.tunnelFlags())
                .append(",\"activeConnections\":").append(d.activeConnections())
                .append(",\"inactiveConnections\":").append(d.inactiveConnections())
                .append(",\"persistentConnections\":").append(d.persistentConnections())
                .append(",\"stats\":");
        stats(out, d.stats());
        out.append('}');
    }

    private static void stats(StringBuilder out, Stats s) {
        out.append("{\"connections\":").append(Long.toUnsignedString(s.connections()))
                .append(",\"inPackets\":").append(Long.toUnsignedString(s.inPackets()))
                .append(",\"outPackets\":").append(Long.toUnsignedString(s.outPackets()))
                .append(",\"inBytes\":").append(Long.toUnsignedString(s.inBytes()))
                .append(",\"outBytes\":").append(Long.toUnsignedString(s.outBytes()))
                .append(",\"connectionsPerSecond\":").append(Long.toUnsignedString(s.connectionsPerSecond()))
                .append(",\"inPacketsPerSecond\":").append(Long.toUnsignedString(s.inPacketsPerSecond()))
                .append(",\"outPacketsPerSecond\":").append(Long.toUnsignedString(s.outPacketsPerSecond()))
                .append(",\"inBytesPerSecond\":").append(Long.toUnsignedString(s.inBytesPerSecond()))
                .append(",\"outBytesPerSecond\":").append(Long.toUnsignedString(s.outBytesPerSecond()))
                .append('}');
    }

    private static String address(InetAddress address) {
        if (address == null) {
            return "null";
        }
        String text = AddressLiterals.format(address); // IPv6 compressed like ipvsadm, in brackets
        return string(text.startsWith("[") ? text.substring(1, text.length() - 1) : text);
    }

    /** A JSON string literal; escapes quotes, backslashes and control characters. */
    static String string(String value) {
        return JsonWriter.string(value);
    }
}
