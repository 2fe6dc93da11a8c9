package io.lvsfeedback.bridge.kernel;

import io.lvsfeedback.testfixtures.Commands;
import io.lvsfeedback.testfixtures.IpvsadmListing;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ipvsadm -Ln} (or {@code -Ln --thresholds}), read through the shared parser, keyed the
 * bridge's way: service key ("tcp:10.77.0.100:80") -> destination -> {weight, active connections},
 * or with --thresholds {upper, lower threshold}.
 */
final class IpvsadmTable {
    final Map<String, Map<String, int[]>> services = new LinkedHashMap<>();

    static IpvsadmTable read(boolean thresholds) {
        String out = thresholds ? Commands.run("ipvsadm", "-Ln", "--thresholds") : Commands.run("ipvsadm", "-Ln");
        IpvsadmTable t = new IpvsadmTable();
        for (IpvsadmListing.Service s : IpvsadmListing.parse(out).services()) {
            Map<String, int[]> destinations = new LinkedHashMap<>();
            for (IpvsadmListing.Destination d : s.destinations) {
                destinations.put(d.endpoint.toString(), thresholds
                        ? new int[] {d.number("Uthreshold"), d.number("Lthreshold")}
                        : new int[] {d.weight(), d.activeConnections()});
            }
            t.services.put(s.protocol.toLowerCase(Locale.ROOT) + ":" + s.address, destinations);
        }
        return t;
    }

    static int weight(String service, String destination) {
        int[] v = read(false).services.getOrDefault(service, Map.of()).get(destination);
        if (v == null) {
            throw new AssertionError("ipvsadm -Ln does not list " + service + " -> " + destination);
        }
        return v[0];
    }

    /** Connections IPVS has scheduled to each destination of a service so far ({@code ipvsadm -Ln --stats --exact}). */
    static Map<String, Long> connections(String service) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (IpvsadmListing.Service s : IpvsadmListing.parse(Commands.run("ipvsadm", "-Ln", "--stats", "--exact")).services()) {
            if ((s.protocol.toLowerCase(Locale.ROOT) + ":" + s.address).equals(service)) {
                s.destinations.forEach(d -> out.put(d.endpoint.toString(), Long.parseLong(d.column("Conns"))));
            }
        }
        return out;
    }

    Map<String, int[]> service(String key) {
        return services.getOrDefault(key, Map.of());
    }
}
