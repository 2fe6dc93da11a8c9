package io.lvsfeedback.agent.signal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * This JVM's TCP sockets, from Linux's {@code /proc}: the ports it listens on (the application's
 * ports for the report) and how many connections to them are open (to wait for on drain). The
 * sockets of the process are found by the inodes behind {@code /proc/self/fd}. Empty elsewhere.
 */
public final class ListeningSockets {
    private static final int LISTEN = 0x0A;
    private static final int ESTABLISHED = 0x01;
    private final Path proc;

    public ListeningSockets() {
        this(Paths.get("/proc"));
    }

    ListeningSockets(Path proc) {
        this.proc = proc;
    }

    /** What this process has right now. */
    public Snapshot snapshot() {
        Set<Long> inodes = socketInodes();
        List<long[]> rows = new ArrayList<>(); // {state, localPort, inode}
        for (String table : new String[] {"net/tcp", "net/tcp6"}) {
            readTable(proc.resolve(table), rows);
        }
        Set<Integer> listening = new TreeSet<>();
        for (long[] r : rows) {
            if (r[0] == LISTEN && inodes.contains(r[2])) {
                listening.add((int) r[1]);
            }
        }
        List<long[]> connections = new ArrayList<>();
        for (long[] r : rows) {
            if (r[0] == ESTABLISHED && inodes.contains(r[2]) && listening.contains((int) r[1])) {
                connections.add(r);
            }
        }
        return new Snapshot(listening, connections);
    }

    private Set<Long> socketInodes() {
        Set<Long> out = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && target.endsWith("]")) {
                        out.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException | RuntimeException e) {
                    // the descriptor was closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: nothing known
        }
        return out;
    }

    private static void readTable(Path table, List<long[]> rows) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (int i = 1; i < lines.size(); i++) {
            // "  0: 0100007F:0D05 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 12345 ..."
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            try {
                String local = f[1];
                int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
                int state = Integer.parseInt(f[3], 16);
                long inode = Long.parseLong(f[9]);
                rows.add(new long[] {state, port, inode});
            } catch (RuntimeException e) {
                // a line we do not understand
            }
        }
    }

    /** Listening ports and the established connections accepted on them. */
    public static final class Snapshot {
        private final Set<Integer> listening;
        private final List<long[]> connections;

        Snapshot(Set<Integer> listening, List<long[]> connections) {
            this.listening = listening;
            this.connections = connections;
        }

        public Set<Integer> listeningPorts() {
            return listening;
        }

        /** Established connections on our listening ports, except those on the given ports. */
        public int connectionsExcept(Set<Integer> ignoredPorts) {
            int n = 0;
            for (long[] c : connections) {
                if (!ignoredPorts.contains((int) c[1])) {
                    n++;
                }
            }
            return n;
        }
    }
}
