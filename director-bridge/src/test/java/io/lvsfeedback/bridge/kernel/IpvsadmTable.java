package io.lvsfeedback.bridge.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ipvsadm -Ln} (or {@code -Ln --thresholds}) parsed into service -> destination -> the
 * first number column (weight, or upper threshold with --thresholds) and the second.
 */
final class IpvsadmTable {
    final Map<String, Map<String, int[]>> services = new LinkedHashMap<>();

    static IpvsadmTable read(boolean thresholds) {
        String out = thresholds ? Commands.run("ipvsadm", "-Ln", "--thresholds") : Commands.run("ipvsadm", "-Ln");
        IpvsadmTable t = new IpvsadmTable();
        Map<String, int[]> current = null;
        for (String line : out.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if ((line.startsWith("TCP") || line.startsWith("UDP")) && w.length >= 2) {
                current = new LinkedHashMap<>();
                t.services.put(w[0].toLowerCase() + ":" + w[1], current);
            } else if (line.trim().startsWith("->") && current != null && w.length >= 5 && !w[1].startsWith("Remote")) {
                // "-> 10.77.0.2:80 Route 150 0 0" or with --thresholds "-> 10.77.0.2:80 500 100 0 0"
                int first = thresholds ? 2 : 3;
                current.put(w[1], new int[] {Integer.parseInt(w[first]), Integer.parseInt(w[first + 1])});
            }
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

    Map<String, int[]> service(String key) {
        return services.getOrDefault(key, Map.of());
    }
}
