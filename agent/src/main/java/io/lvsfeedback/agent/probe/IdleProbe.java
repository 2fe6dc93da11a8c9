package io.lvsfeedback.agent.probe;

import io.lvsfeedback.agent.util.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One GET at a time to a path of the application, sent while the balancer sends the server no
 * requests: IPVS {@code wlc} gives a destination whose weight was lowered no new connection at all
 * while the others hold many inactive ones, so a recovered server would never show that it
 * recovered. The probe goes through the application like any request, so the agent's request
 * statistics measure it; there is no separate bookkeeping. While the samples find the server
 * starved, probes follow each other back to back (one at a time): the first fast answer after a
 * recovery then comes one probe's time after the slow one in service, not a sample interval later.
 * Each starved sample allows {@value #PER_SAMPLE} more: two completions already make the next sample
 * not starved, so more would only load an idle server (a fast path would get hundreds a second).
 * A failed probe (no answer, or a status of 400 and up) waits twice as long before the next, up to
 * a minute, so a wrong path costs little.
 */
public final class IdleProbe implements AutoCloseable {
    private static final AgentLog LOG = AgentLog.of(IdleProbe.class);
    static final long MAX_BACKOFF_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int MAX_READ = 64 * 1024;

    private final ProbeTarget target;
    private final int timeoutMillis;
    private final LongSupplier nanoTime;
    private final ExecutorService runner;
    /** Probes a starved sample allows: the next sample says again whether to go on. */
    static final int PER_SAMPLE = 2;

    private final AtomicBoolean inFlight = new AtomicBoolean();
    /** Probes still allowed before the next sample. */
    private final AtomicInteger allowed = new AtomicInteger();
    private volatile boolean closed;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String lastProblem = "";
    private volatile long notBeforeNanos = Long.MIN_VALUE;
    private int failuresInRow; // on the runner's thread only

    public IdleProbe(ProbeTarget target, int timeoutMillis, LongSupplier nanoTime) {
        this.target = target;
        this.timeoutMillis = timeoutMillis;
        this.nanoTime = nanoTime;
        this.runner = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1), r -> {
            Thread t = new Thread(r, "lvs-agent-idle-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * What the last sample found: while starved, probes go on back to back, {@value #PER_SAMPLE} more
     * at most; otherwise the one on its way is the last. Never blocks.
     */
    public void starved(boolean starved) {
        allowed.set(starved ? PER_SAMPLE : 0);
        startIfAllowed();
    }

    /** Sends one probe unless one is on its way or the last one failed too recently; never blocks. */
    public void fire() {
        if (claim()) {
            allowed.accumulateAndGet(1, Math::max);
            launch();
        }
    }

    private void startIfAllowed() {
        if (allowed.get() > 0 && claim()) {
            launch();
        }
    }

    /** Takes the one probe slot, unless closed, backing off or taken. */
    private boolean claim() {
        long notBefore = notBeforeNanos;
        return !closed && (notBefore == Long.MIN_VALUE || nanoTime.getAsLong() - notBefore >= 0)
                && inFlight.compareAndSet(false, true);
    }

    private void launch() {
        try {
            runner.execute(this::probeWhileAllowed);
        } catch (RejectedExecutionException e) {
            inFlight.set(false); // closed
        }
    }

    private void probeWhileAllowed() {
        try {
            while (!Thread.currentThread().isInterrupted() && allowed.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (!probeSucceeded()) {
                    allowed.set(0);
                    return;
                }
            }
        } finally {
            inFlight.set(false);
        }
        startIfAllowed(); // a sample that came while this run was ending
    }

    private boolean probeSucceeded() {
        try {
            sent.incrementAndGet();
            int status = get();
            if (status >= 400) {
                failure("HTTP status " + status);
                return false;
            }
            failuresInRow = 0;
            notBeforeNanos = Long.MIN_VALUE;
            return true;
        } catch (IOException | RuntimeException e) {
            failure(e.toString());
            return false;
        }
    }

    private int get() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(target.host(), target.port()), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            // An IPv6 host keeps the URL's brackets (ProbeTarget), as the Host header wants it.
            s.getOutputStream().write(("GET " + target.path() + " HTTP/1.1\r\nHost: " + target.host() + ":" + target.port()
                    + "\r\nUser-Agent: lvs-agent-idle-probe\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12); // "HTTP/1.1 200"
            if (head.length < 12 || !new String(head, 0, 5, StandardCharsets.ISO_8859_1).equals("HTTP/")) {
                throw new IOException("not an HTTP answer");
            }
            int status;
            try {
                status = Integer.parseInt(new String(head, 9, 3, StandardCharsets.ISO_8859_1));
            } catch (NumberFormatException e) {
                throw new IOException("no HTTP status");
            }
            // Read the answer to its end (bounded): closing with unread bytes would reset the connection.
            byte[] buf = new byte[4096];
            int total = 0;
            int n;
            while (total < MAX_READ && (n = in.read(buf)) > 0) {
                total += n;
            }
            return status;
        }
    }

    private void failure(String why) {
        failed.incrementAndGet();
        failuresInRow = Math.min(30, failuresInRow + 1);
        long backoff = Math.min(MAX_BACKOFF_NANOS, TimeUnit.SECONDS.toNanos(1) << Math.min(6, failuresInRow - 1));
        notBeforeNanos = nanoTime.getAsLong() + backoff;
        boolean first = lastProblem.isEmpty();
        lastProblem = why;
        String message = "idle probe " + target + " failed: " + why + "; next one in " + backoff / 1_000_000 + " ms";
        if (first) {
            LOG.warn(message + " (later failures are logged at debug level)");
        } else {
            LOG.debug(message);
        }
    }

    /** A probe is on its way (sent, no answer yet). */
    boolean inFlight() {
        return inFlight.get();
    }

    public ProbeTarget target() {
        return target;
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Why the last failed probe failed; empty when none has. */
    public String lastProblem() {
        return lastProblem;
    }

    @Override
    public void close() {
        closed = true;
        runner.shutdownNow();
    }
}
