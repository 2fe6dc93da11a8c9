package io.lvsfeedback.bench.matrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a matrix run left in its results directory (written by matrix-guest.sh), read back. */
final class MatrixData {
    /** One phase: its workload, round, contender, IPVS scheduler, load start, measured window and raw file. */
    record Phase(String workload, int round, String contender, String scheduler, long leadFrom, long from, long to,
                 double rate, String raw) {
        boolean lvsfb() {
            return contender.startsWith("lvsfb");
        }
    }

    /** One request: scheduled send time, latency (a failure's is the time-out), ok or not, who answered. */
    record Request(long schedMs, long latencyUs, boolean ok, String server) {
    }

    /** One timeline sample: the kernel's weights and active connections per server, CPU jiffies. */
    record Sample(long ms, String scheduler, int[] weights, int[] active, long[] cpu) {
        int weight(int server) {
            return weights[server];
        }
    }

    /** One harness event (step, pause, oracle write, calibration...). */
    record Event(long ms, String workload, String round, String contender, String what, String detail) {
    }

    final Path dir;
    final List<Phase> phases = new ArrayList<>();
    final List<Sample> timeline = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    final Map<String, String> settings = new LinkedHashMap<>();

    private MatrixData(Path dir) {
        this.dir = dir;
    }

    static MatrixData read(Path dir) throws IOException {
        MatrixData d = new MatrixData(dir);
        for (String line : lines(dir.resolve("phases.tsv"))) {
            String[] f = line.split("\\s+");
            try {
                d.phases.add(new Phase(f[0], Integer.parseInt(f[1]), f[2], f[3], Long.parseLong(f[4]), Long.parseLong(f[5]),
                        Long.parseLong(f[6]), Double.parseDouble(f[7]), f[8]));
            } catch (RuntimeException e) {
                // The phases are the run's structure: without one, no table can be trusted.
                throw new IOException(dir.resolve("phases.tsv") + ": unreadable line '" + line + "': " + e, e);
            }
        }
        Path tl = dir.resolve("timeline.tsv");
        if (Files.exists(tl)) {
            for (String line : lines(tl)) {
                Sample s = sample(line);
                if (s != null) {
                    d.timeline.add(s);
                }
            }
        }
        Path ev = dir.resolve("events.tsv");
        if (Files.exists(ev)) {
            for (String line : lines(ev)) {
                String[] f = line.split("\\s+", 6);
                if (f.length >= 5 && isNumber(f[0])) {
                    d.events.add(new Event(Long.parseLong(f[0]), f[1], f[2], f[3], f[4], f.length > 5 ? f[5] : ""));
                }
            }
        }
        Path st = dir.resolve("settings.txt");
        if (Files.exists(st)) {
            for (String line : lines(st)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    d.settings.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        return d;
    }

    /** A timeline line, or null when it is cut short (the sampler was killed mid-line) or unreadable. */
    static Sample sample(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 14) {
            return null;
        }
        try {
            int[] w = new int[3];
            int[] a = new int[3];
            for (int i = 0; i < 3; i++) {
                w[i] = f[2 + i].equals("-") ? -1 : Integer.parseInt(f[2 + i]);
                a[i] = f[5 + i].equals("-") ? -1 : Integer.parseInt(f[5 + i]);
            }
            long[] cpu = new long[6];
            for (int i = 0; i < 6; i++) {
                cpu[i] = Long.parseLong(f[8 + i]);
            }
            return new Sample(Long.parseLong(f[0]), f[1], w, a, cpu);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The phase's requests scheduled within [from, to); a failure counts as {@code timeoutMs}. */
    List<Request> requests(Phase p, long from, long to, long timeoutMs) throws IOException {
        List<Request> out = new ArrayList<>();
        Path f = dir.resolve(p.raw());
        if (!Files.exists(f)) {
            return out;
        }
        for (String line : lines(f)) {
            String[] x = line.split("\\s+");
            if (x.length < 4 || !isNumber(x[0]) || !isNumber(x[1])) {
                continue; // cut short or damaged: one request less, not a failed report
            }
            long sched = Long.parseLong(x[0]);
            if (sched < from || sched >= to) {
                continue;
            }
            boolean ok = x[2].equals("ok");
            out.add(new Request(sched, ok ? Long.parseLong(x[1]) : timeoutMs * 1000, ok, x[3]));
        }
        return out;
    }

    /** Samples within [from, to]. */
    List<Sample> samples(long from, long to) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : timeline) {
            if (s.ms() >= from && s.ms() <= to) {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Every file is ASCII; read byte for byte so that a damaged byte costs its line only. */
    private static List<String> lines(Path p) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(p, StandardCharsets.ISO_8859_1)) {
            if (!l.isBlank() && !l.startsWith("#")) {
                out.add(l);
            }
        }
        return out;
    }
}
