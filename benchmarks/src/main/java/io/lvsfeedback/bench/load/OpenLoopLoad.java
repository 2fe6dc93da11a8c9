package io.lvsfeedback.bench.load;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An open-loop HTTP load: requests are sent at a fixed rate whatever the server does, and each
 * latency counts from the request's scheduled time (so a slow server cannot hide its queue by
 * slowing the client down). Each request uses a new connection.
 *
 * <p>Usage: {@code OpenLoopLoad host=10.0.0.100 port=8080 path=/work rate=50 duration=60 warmup=10
 * [timeout=5000] [max-in-flight=400]}. Prints one summary line (requests, errors, error rate, p50,
 * p99, max, per-server shares) for the measured part, after the warm-up.
 */
public final class OpenLoopLoad {
    private OpenLoopLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new TreeMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                System.err.println("open-loop: argument '" + arg + "' is not key=value");
                System.exit(2);
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        InetSocketAddress target = new InetSocketAddress(a.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(a.getOrDefault("port", "8080")));
        double rate = Double.parseDouble(a.getOrDefault("rate", "50"));
        int duration = Integer.parseInt(a.getOrDefault("duration", "60"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "10"));
        int timeout = Integer.parseInt(a.getOrDefault("timeout", "5000"));
        int maxInFlight = Integer.parseInt(a.getOrDefault("max-in-flight", "400"));
        if (rate <= 0 || rate > 100_000 || duration < 1 || warmup < 0 || timeout < 1 || maxInFlight < 1) {
            System.err.println("open-loop: rate must be within (0, 100000], duration >= 1, warmup >= 0, timeout and max-in-flight >= 1");
            System.exit(2);
        }
        int tailAfter = Integer.parseInt(a.getOrDefault("tail-after", "0"));
        if (tailAfter < 0 || tailAfter >= duration) {
            System.err.println("open-loop: tail-after must be within [0, duration)");
            System.exit(2);
        }
        Result[] r = run(new HttpProbe(target, a.getOrDefault("path", "/"), timeout), rate, warmup, duration,
                maxInFlight, tailAfter);
        System.out.println(r[0].summary());
        if (tailAfter > 0) {
            // The same phase without its first seconds: what a change of weights left once it settled.
            System.out.println("after " + tailAfter + " s: " + r[1].summary());
        }
    }

    /** The whole measured part, and its part from {@code tailAfterSeconds} on (the same when 0). */
    static Result[] run(HttpProbe probe, double rate, int warmupSeconds, int durationSeconds, int maxInFlight,
                        int tailAfterSeconds) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(maxInFlight, r -> {
            Thread t = new Thread(r, "open-loop");
            t.setDaemon(true);
            return t;
        });
        Result result = new Result(probe.timeoutMillis());
        Result tail = tailAfterSeconds > 0 ? new Result(probe.timeoutMillis()) : result;
        AtomicInteger inFlight = new AtomicInteger();
        long periodNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long end = measureFrom + durationSeconds * 1_000_000_000L;
        long tailFrom = measureFrom + tailAfterSeconds * 1_000_000_000L;
        for (long i = 0; ; i++) {
            long scheduled = start + i * periodNanos;
            if (scheduled >= end) {
                break;
            }
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            boolean measured = scheduled >= measureFrom;
            boolean inTail = tail != result && scheduled >= tailFrom;
            if (inFlight.incrementAndGet() > maxInFlight) {
                // The client itself is saturated: count it as a failed request, never wait for a slot.
                inFlight.decrementAndGet();
                if (measured) {
                    result.failed("client saturated");
                }
                if (inTail) {
                    tail.failed("client saturated");
                }
                continue;
            }
            pool.execute(() -> {
                try {
                    HttpProbe.Answer answer = probe.get();
                    long latency = System.nanoTime() - scheduled;
                    if (measured) {
                        result.answered(answer, latency);
                    }
                    if (inTail) {
                        tail.answered(answer, latency);
                    }
                } catch (Exception e) {
                    if (measured) {
                        result.failed(e.getClass().getSimpleName());
                    }
                    if (inTail) {
                        tail.failed(e.getClass().getSimpleName());
                    }
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        pool.shutdownNow();
        return new Result[] {result, tail};
    }

    /** Latencies and counts of the measured requests. */
    static final class Result {
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, LongAdder> servers = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final long failedAsMicros;

        /** {@code failedAsMillis}: the latency a failed request counts as in {@code p99_all} (the client's time-out). */
        Result(long failedAsMillis) {
            this.failedAsMicros = failedAsMillis * 1000;
        }

        void answered(HttpProbe.Answer answer, long latencyNanos) {
            requests.incrementAndGet();
            if (answer.status() != 200) {
                errors.computeIfAbsent("http " + answer.status(), k -> new LongAdder()).increment();
                failures.incrementAndGet();
                return;
            }
            latencies.add(latencyNanos);
            servers.computeIfAbsent(answer.server(), k -> new LongAdder()).increment();
        }

        void failed(String why) {
            requests.incrementAndGet();
            failures.incrementAndGet();
            errors.computeIfAbsent(why, k -> new LongAdder()).increment();
        }

        String summary() {
            long[] ms;
            synchronized (latencies) {
                ms = latencies.stream().mapToLong(n -> n / 1000).sorted().toArray();
            }
            long errorCount = errors.values().stream().mapToLong(LongAdder::sum).sum();
            StringBuilder shares = new StringBuilder();
            new TreeMap<>(servers).forEach((k, v) -> shares.append(' ').append(k).append('=').append(v.sum()));
            StringBuilder why = new StringBuilder();
            new TreeMap<>(errors).forEach((k, v) -> why.append(' ').append(k.replace(' ', '_')).append('=').append(v.sum()));
            // What every client saw: a failed request counts as the whole time-out it waited.
            long[] all = java.util.Arrays.copyOf(ms, ms.length + (int) failures.get());
            java.util.Arrays.fill(all, ms.length, all.length, failedAsMicros);
            java.util.Arrays.sort(all);
            return String.format("open-loop: requests %d ok %d errors %d error_rate %.4f p50_ms %.1f p99_ms %.1f max_ms %.1f"
                            + " p50_all_ms %.1f p99_all_ms %.1f servers:%s errors:%s",
                    requests.get(), ms.length, errorCount, requests.get() == 0 ? 0.0 : (double) errorCount / requests.get(),
                    pct(ms, 50) / 1000.0, pct(ms, 99) / 1000.0, ms.length == 0 ? 0 : ms[ms.length - 1] / 1000.0,
                    pct(all, 50) / 1000.0, pct(all, 99) / 1000.0, shares, why.length() == 0 ? " none" : why);
        }

        private static long pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1))];
        }
    }
}
