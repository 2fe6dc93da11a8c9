package io.lvsfeedback.netlink.ipvs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ipvsadm -Ln} (and its --thresholds / --tun-info variants) as service line -> destination
 * lines, each with runs of spaces collapsed, e.g. "TCP 10.77.0.100:80 wrr" -> ["-> 10.77.0.11:80 Route 3 0 0"].
 */
final class IpvsadmOutput {
    private IpvsadmOutput() {
    }

    static Map<String, List<String>> parse(String text) {
        Map<String, List<String>> services = new LinkedHashMap<>();
        List<String> current = null;
        for (String raw : text.split("\n")) {
            String line = raw.trim().replaceAll("\\s+", " ");
            if (line.isEmpty() || line.startsWith("IP Virtual Server") || line.startsWith("Prot ")
                    || line.startsWith("-> RemoteAddress")) {
                continue;
            }
            if (line.startsWith("-> ")) {
                if (current == null) {
                    throw new IllegalArgumentException("destination before any service: " + raw);
                }
                current.add(line);
            } else if (line.matches("(TCP|UDP|SCTP|FWM) .*")) {
                current = new ArrayList<>();
                services.put(line, current);
            } else {
                throw new IllegalArgumentException("not an ipvsadm -Ln line: " + raw);
            }
        }
        return services;
    }
}
