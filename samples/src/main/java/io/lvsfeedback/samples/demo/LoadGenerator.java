package io.lvsfeedback.samples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load: {@code workers} threads send requests, each at most {@code ratePerWorker} per
 * second, until the duration has passed or {@code maxRequests} were sent, whichever comes first.
 * Every request is recorded.
 */
public final class LoadGenerator implements AutoCloseable {

    private final HttpProbe probe;
    private final int workers;
    private final double ratePerWorker;
    private final long durationNanos;
    private final long maxRequests;
    private final AtomicLong sent = new AtomicLong();
    private final ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;
    private long startNanos;

    public LoadGenerator(HttpProbe probe, int workers, double ratePerWorker, long durationMillis, long maxRequests) {
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers must be within 1..256, got " + workers);
        }
        if (!(ratePerWorker > 0 && ratePerWorker <= 1000)) {
            throw new IllegalArgumentException("rate per worker must be within (0, 1000], got " + ratePerWorker);
        }
        if (durationMillis < 1 || maxRequests < 1) {
            throw new IllegalArgumentException("duration and request count must be positive");
        }
        this.probe = probe;
        this.workers = workers;
        this.ratePerWorker = ratePerWorker;
        this.durationNanos = TimeUnit.MILLISECONDS.toNanos(durationMillis);
        this.maxRequests = maxRequests;
    }

    /** Starts the workers; times in the records count from {@code runStartNanos}. */
    public void start(long runStartNanos) {
        this.startNanos = System.nanoTime();
        long intervalNanos = (long) (1e9 / ratePerWorker);
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(() -> work(runStartNanos, intervalNanos), "load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void work(long runStartNanos, long intervalNanos) {
        long next = System.nanoTime();
        while (!stopped && System.nanoTime() - startNanos < durationNanos && sent.incrementAndGet() <= maxRequests) {
            records.add(probe.send(runStartNanos));
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime(); // behind: do not burst to catch up
            }
        }
    }

    /** Waits for the workers to finish (bounded by the duration plus the probe timeouts). */
    public void join(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Thread t : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                t.join(left);
            }
        }
    }

    /** Everything recorded so far, in completion order. */
    public List<RequestRecord> records() {
        return List.copyOf(records);
    }

    /** Sends no more requests; those in flight finish (see {@link #join}). */
    public void stop() {
        stopped = true;
    }

    @Override
    public void close() {
        stopped = true;
        threads.forEach(Thread::interrupt);
    }
}
