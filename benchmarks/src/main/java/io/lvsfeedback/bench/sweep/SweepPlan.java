package io.lvsfeedback.bench.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights one sweep should leave in the kernel, read from the plan file that weight-sweep-guest.sh
 * also turns into ipvsadm edits: one line {@code VIP:PORT RIP:PORT WEIGHT} per destination.
 */
record SweepPlan(Path file, Map<String, Integer> weights) {

    static SweepPlan read(Path file) throws IOException {
        Map<String, Integer> weights = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 3) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": expected 'VIP:PORT RIP:PORT WEIGHT', got '" + line + "'");
            }
            try {
                weights.put(key(f[0], f[1]), Integer.parseInt(f[2]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": bad weight '" + f[2] + "'", e);
            }
        }
        return new SweepPlan(file, weights);
    }

    static String key(String service, String destination) {
        return service + ' ' + destination;
    }
}
