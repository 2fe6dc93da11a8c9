package io.lvsfeedback.samples.boot;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded closed-loop load: {@code clients} threads, each sending {@code GET uri} again as soon
 * as the answer came, until closed or {@code maxMillis} passed. Counts answers by outcome.
 */
final class ClosedLoopClients implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final long start = System.nanoTime();
    private volatile boolean stop;
    private volatile String lastBody = "";
    private long markNanos = start;
    private long markCount;

    ClosedLoopClients(URI uri, int clients, long maxMillis) {
        long deadline = start + maxMillis * 1_000_000;
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                while (!stop && System.nanoTime() < deadline) {
                    try {
                        HttpResponse<String> r = SampleJvm.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                            lastBody = r.body();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    long ok() {
        return ok.get();
    }

    long failed() {
        return failed.get();
    }

    String lastBody() {
        return lastBody;
    }

    /** Answers per second since the previous call (the first: since the start). */
    synchronized double rateSinceLastCall() {
        long now = System.nanoTime();
        long count = ok.get() + failed.get();
        double rate = (count - markCount) / ((now - markNanos) / 1e9);
        markNanos = now;
        markCount = count;
        return rate;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread t : threads) {
            t.join(30_000);
        }
    }
}
