package io.lvsfeedback.bench.matrix;

import io.lvsfeedback.samples.http.HttpConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calibration of true capacities: every server loaded at once and directly (not through IPVS),
 * closed loop, with as many clients as it has request threads plus a few, so its pool never idles;
 * the answers per second over the measured window are its capacity in the workload's conditions
 * (the same heap, the same CPU competition).
 */
final class Saturation {
    private Saturation() {
    }

    /** A server to saturate: its name, address and how many clients keep it busy. */
    record Target(String name, InetSocketAddress address, int clients) {
    }

    /** Answers per second and mean latency (ms) of one server. */
    record Capacity(String name, double perSecond, double meanMillis, long failures) {
    }

    static List<Capacity> measure(List<Target> targets, String path, double warmupSeconds, double durationSeconds,
                                  int timeoutMillis) throws InterruptedException {
        long start = System.nanoTime();
        long from = start + (long) (warmupSeconds * 1e9);
        long to = from + (long) (durationSeconds * 1e9);
        Map<Target, AtomicLong[]> counts = new LinkedHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (Target t : targets) {
            AtomicLong[] c = {new AtomicLong(), new AtomicLong(), new AtomicLong()}; // answers, latency ns, failures
            counts.put(t, c);
            for (int i = 0; i < t.clients(); i++) {
                Thread th = new Thread(() -> loop(t, path, from, to, timeoutMillis, c), "saturate-" + t.name());
                th.setDaemon(true);
                th.start();
                threads.add(th);
            }
        }
        for (Thread th : threads) {
            th.join(TimeUnit.NANOSECONDS.toMillis(to - System.nanoTime()) + timeoutMillis + 5000L);
        }
        List<Capacity> out = new ArrayList<>();
        counts.forEach((t, c) -> out.add(new Capacity(t.name(), c[0].get() / durationSeconds,
                c[0].get() == 0 ? 0 : c[1].get() / 1e6 / c[0].get(), c[2].get())));
        return out;
    }

    private static void loop(Target t, String path, long from, long to, int timeoutMillis, AtomicLong[] c) {
        while (System.nanoTime() < to) {
            long sent = System.nanoTime();
            long deadline = sent + timeoutMillis * 1_000_000L;
            boolean ok;
            try (HttpConnection conn = HttpConnection.open(t.address(), deadline)) {
                ok = conn.get(t.address().getHostString(), path, true, deadline).status() == 200;
            } catch (IOException | RuntimeException e) {
                ok = false;
            }
            long done = System.nanoTime();
            if (sent >= from && done <= to) {
                if (ok) {
                    c[0].incrementAndGet();
                    c[1].addAndGet(done - sent);
                } else {
                    c[2].incrementAndGet();
                }
            }
        }
    }

    static String format(List<Capacity> caps) {
        StringBuilder b = new StringBuilder();
        for (Capacity c : caps) {
            b.append(String.format(Locale.ROOT, " %s=%.2f mean_ms_%s=%.1f failures_%s=%d", c.name(), c.perSecond(), c.name(),
                    c.meanMillis(), c.name(), c.failures()));
        }
        return b.toString().trim();
    }
}
