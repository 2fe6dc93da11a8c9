package io.lvsfeedback.bridge.engine;

import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.bridge.ipvs.ServiceDestination;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers each destination's base weight across restarts. Without it a restarted bridge would
 * take its own last (scaled) weights as the operator's bases and drift. One line per destination:
 * {@code <service> <RIP:PORT> base=<n> weight=<n> quiesced=<bool>}; written atomically.
 */
public final class StateFile {
    private StateFile() {}

    /** Largest state file read: about 100 000 destinations. */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    /** The remembered entries; a missing file is empty. */
    public static Map<ServiceDestination, Remembered> read(Path file) throws IOException {
        Map<ServiceDestination, Remembered> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        // Bounded and regular files only: a FIFO or a huge file swapped in must not hang or sink the bridge.
        List<String> lines = io.lvsfeedback.model.file.BoundedFile.readText(file, MAX_BYTES).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.split(" ");
            if (w.length != 5 || !w[2].startsWith("base=") || !w[3].startsWith("weight=") || !w[4].startsWith("quiesced=")) {
                throw new IOException(file + " line " + (i + 1) + ": malformed: '" + line + "'");
            }
            ServiceDestination key;
            try {
                key = new ServiceDestination(ServiceKey.parse(w[0]), DestinationKey.parse(w[1]));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage() + " in '" + line + "'");
            }
            try {
                out.put(key, new Remembered(Integer.parseInt(w[2].substring(5)),
                        Integer.parseInt(w[3].substring(7)), Boolean.parseBoolean(w[4].substring(9))));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + ": bad number in '" + line + "'");
            }
        }
        return out;
    }

    public static void write(Path file, Map<ServiceDestination, Remembered> entries) throws IOException {
        List<String> lines = new ArrayList<>(entries.size() + 1);
        lines.add("# director-bridge state: base weights kept across restarts; safe to delete");
        for (Map.Entry<ServiceDestination, Remembered> e : entries.entrySet()) {
            Remembered r = e.getValue();
            lines.add(e.getKey().service() + " " + e.getKey().destination() + " base=" + r.base() + " weight=" + r.weight() + " quiesced=" + r.quiesced());
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".bridge-state", ".tmp");
        try {
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
