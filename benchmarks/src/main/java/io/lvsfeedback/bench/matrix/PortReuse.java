package io.lvsfeedback.bench.matrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the connections that may have bypassed the IPVS scheduler: a new connection whose source
 * port an earlier one used less than the FIN_WAIT time-out before meets that connection's entry, and
 * with {@code net.ipv4.vs.conn_reuse_mode=1} in VS/DR goes to the old entry's server whatever the
 * weights say. Reused connections that reach the old server far more often than fresh scheduling
 * would send them there are the sign of it.
 */
final class PortReuse {
    /** One connection of {@link ConnectionLog}'s files; {@code file} names the phase. */
    record Connection(long openedMs, int port, String server, String file) {
    }

    /** Reuse among one phase's connections; {@code expectedSame}: same-server count if scheduled afresh. */
    record Tally(long connections, long reused, long sameServer, double expectedSame) {
        Tally plus(Tally o) {
            return new Tally(connections + o.connections, reused + o.reused, sameServer + o.sameServer,
                    expectedSame + o.expectedSame);
        }
    }

    static final Tally NONE = new Tally(0, 0, 0, 0);

    private PortReuse() {
    }

    /** Every connection of every {@code *.tsv} under {@code dir} (none when it does not exist). */
    static List<Connection> read(Path dir) throws IOException {
        List<Connection> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            // ISO-8859-1 decodes any byte: a damaged file costs its bad lines, not the report.
            for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
                String[] x = line.trim().split("\\s+");
                if (line.startsWith("#") || x.length < 3) {
                    continue;
                }
                try {
                    out.add(new Connection(Long.parseLong(x[0]), Integer.parseInt(x[1]), x[2], name));
                } catch (NumberFormatException e) {
                    // a line cut short when the driver stopped: not a connection
                }
            }
        }
        return out;
    }

    /** Per file: connections opened less than {@code windowMs} after the last one from their port. */
    static Map<String, Tally> tally(List<Connection> all, long windowMs) {
        List<Connection> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(Connection::openedMs));
        Map<Integer, Connection> lastByPort = new HashMap<>();
        Map<String, Long> connections = new HashMap<>();
        Map<String, Long> reused = new HashMap<>();
        Map<String, Long> same = new HashMap<>();
        Map<String, Map<String, Long>> before = new HashMap<>();
        Map<String, Map<String, Long>> now = new HashMap<>();
        for (Connection c : sorted) {
            connections.merge(c.file(), 1L, Long::sum);
            Connection prev = lastByPort.put(c.port(), c);
            if (prev == null || c.openedMs() - prev.openedMs() >= windowMs) {
                continue;
            }
            reused.merge(c.file(), 1L, Long::sum);
            if (prev.server().equals(c.server())) {
                same.merge(c.file(), 1L, Long::sum);
            }
            before.computeIfAbsent(c.file(), k -> new HashMap<>()).merge(prev.server(), 1L, Long::sum);
            now.computeIfAbsent(c.file(), k -> new HashMap<>()).merge(c.server(), 1L, Long::sum);
        }
        Map<String, Tally> out = new HashMap<>();
        for (Map.Entry<String, Long> e : connections.entrySet()) {
            String f = e.getKey();
            long r = reused.getOrDefault(f, 0L);
            double expected = 0;
            if (r > 0) {
                for (Map.Entry<String, Long> b : before.get(f).entrySet()) {
                    expected += (double) b.getValue() * now.get(f).getOrDefault(b.getKey(), 0L) / r;
                }
            }
            out.put(f, new Tally(e.getValue(), r, same.getOrDefault(f, 0L), expected));
        }
        return out;
    }
}
