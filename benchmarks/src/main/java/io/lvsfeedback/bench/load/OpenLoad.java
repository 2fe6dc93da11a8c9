package io.lvsfeedback.bench.load;

import io.lvsfeedback.samples.http.HttpConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop HTTP load: arrivals at a fixed rate whatever the servers do, each latency counted from
 * the request's scheduled send time (no coordinated omission), a failure counted as the time-out.
 *
 * <p>{@code perConnection == 1}: every request on a new connection ({@code Connection: close}), so
 * IPVS schedules each one. {@code perConnection = K > 1}: sessions arrive at {@code rate / K} per
 * second, each one connection carrying K requests scheduled {@code intervalMs} apart (keep-alive);
 * a request that waits for the previous one on its connection counts that wait.
 *
 * <p>The one load of the benchmarks: {@link OpenLoopLoad} (item 3) and the workload matrix's driver
 * both run it, each with its own {@link LoadOutcomes}.
 */
public final class OpenLoad {
    private OpenLoad() {
    }

    /** What to send; seconds as doubles so tests can run short phases. */
    public record Plan(InetSocketAddress target, String path, double rate, double warmupSeconds, double durationSeconds,
                int timeoutMillis, int maxInFlight, int perConnection, int intervalMillis) {
        public Plan {
            if (!(rate > 0 && rate <= 100_000) || warmupSeconds < 0 || durationSeconds <= 0 || timeoutMillis < 1
                    || maxInFlight < 1 || perConnection < 1 || intervalMillis < 0) {
                throw new IllegalArgumentException("bad load plan: rate within (0, 100000], duration > 0, warmup >= 0,"
                        + " timeout, max-in-flight and per-connection >= 1, interval-ms >= 0");
            }
        }
    }

    /** Sends the plan's requests; what the measured ones did goes to {@code rec}. */
    public static void run(Plan plan, LoadOutcomes rec) throws InterruptedException {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, plan.maxInFlight() + 64, 10, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "open-load");
                    t.setDaemon(true);
                    return t;
                });
        AtomicInteger inFlight = new AtomicInteger();
        long startNanos = System.nanoTime();
        long startEpochMs = System.currentTimeMillis();
        long measureFrom = startNanos + (long) (plan.warmupSeconds() * 1e9);
        long end = measureFrom + (long) (plan.durationSeconds() * 1e9);
        rec.measuring(epochMs(startEpochMs, startNanos, measureFrom));
        int k = plan.perConnection();
        long period = (long) (1e9 * k / plan.rate());
        String host = plan.target().getHostString();
        for (long i = 0; ; i++) {
            long scheduled = startNanos + i * period;
            if (scheduled >= end) {
                break;
            }
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Runnable task = k == 1
                    ? () -> oneRequest(plan, host, rec, scheduled, scheduled >= measureFrom, epochMs(startEpochMs, startNanos, scheduled))
                    : () -> session(plan, host, rec, scheduled, measureFrom, end, startEpochMs, startNanos);
            if (inFlight.incrementAndGet() > plan.maxInFlight()) {
                inFlight.decrementAndGet();
                saturated(plan, rec, scheduled, measureFrom, end, startEpochMs, startNanos);
                continue;
            }
            try {
                pool.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            } catch (RejectedExecutionException e) {
                inFlight.decrementAndGet();
                saturated(plan, rec, scheduled, measureFrom, end, startEpochMs, startNanos);
            }
        }
        pool.shutdown();
        if (!pool.awaitTermination(plan.timeoutMillis() + 30_000L, TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
    }

    private static long epochMs(long startEpochMs, long startNanos, long nanos) {
        return startEpochMs + (nanos - startNanos) / 1_000_000;
    }

    /** The client had no slot: every request of this arrival fails, as a real client would see it. */
    private static void saturated(Plan plan, LoadOutcomes rec, long scheduled, long measureFrom, long end,
                                  long startEpochMs, long startNanos) {
        for (int j = 0; j < plan.perConnection(); j++) {
            long s = scheduled + j * plan.intervalMillis() * 1_000_000L;
            if (s >= end) {
                break;
            }
            if (s >= measureFrom) {
                rec.failed(epochMs(startEpochMs, startNanos, s), "client_saturated", null);
            }
        }
    }

    private static void oneRequest(Plan plan, String host, LoadOutcomes rec, long scheduled, boolean measured, long schedEpochMs) {
        long deadline = scheduled + plan.timeoutMillis() * 1_000_000L;
        if (measured) {
            rec.lag(System.nanoTime() - scheduled);
        }
        long openedAt = System.currentTimeMillis();
        try (HttpConnection c = HttpConnection.open(plan.target(), deadline)) {
            HttpConnection.Answer a = c.get(host, plan.path(), true, deadline);
            rec.connection(openedAt, c.localPort(), a.server());
            if (measured) {
                rec.answered(schedEpochMs, System.nanoTime() - scheduled, a);
            }
        } catch (IOException | RuntimeException e) {
            if (measured) {
                rec.failed(schedEpochMs, e.getClass().getSimpleName(), null);
            }
        }
    }

    private static void session(Plan plan, String host, LoadOutcomes rec, long start, long measureFrom, long end,
                                long startEpochMs, long startNanos) {
        if (start >= measureFrom) {
            rec.lag(System.nanoTime() - start);
        }
        HttpConnection c = null;
        try {
            for (int j = 0; j < plan.perConnection(); j++) {
                long scheduled = start + j * plan.intervalMillis() * 1_000_000L;
                if (scheduled >= end) {
                    break;
                }
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                boolean measured = scheduled >= measureFrom;
                long schedEpochMs = epochMs(startEpochMs, startNanos, scheduled);
                long deadline = scheduled + plan.timeoutMillis() * 1_000_000L;
                try {
                    boolean fresh = c == null;
                    long openedAt = System.currentTimeMillis();
                    if (fresh) {
                        c = HttpConnection.open(plan.target(), deadline);
                    }
                    HttpConnection.Answer a = c.get(host, plan.path(), j == plan.perConnection() - 1, deadline);
                    if (fresh) {
                        rec.connection(openedAt, c.localPort(), a.server());
                    }
                    if (measured) {
                        rec.answered(schedEpochMs, System.nanoTime() - scheduled, a);
                    }
                } catch (IOException | RuntimeException e) {
                    if (measured) {
                        rec.failed(schedEpochMs, e.getClass().getSimpleName(), null);
                    }
                    if (c != null) {
                        c.close();
                    }
                    c = null; // the next request opens a new connection: IPVS schedules it again
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }
}
