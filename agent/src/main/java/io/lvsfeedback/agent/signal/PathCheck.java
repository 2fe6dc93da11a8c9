package io.lvsfeedback.agent.signal;

import io.lvsfeedback.agent.util.AgentClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A declared dependency: a path (e.g. a shared-storage mount) that must be readable within a
 * timeout. The read runs on a thread of its own, because a hung NFS mount blocks the reader
 * forever; {@link #poll()} never blocks, it only looks at the last outcome.
 */
public final class PathCheck implements AutoCloseable {
    /** The outcome of the last check. */
    public enum Status { UNKNOWN, OK, FAILED, HUNG }

    private final Path path;
    private final AgentClock clock;
    private final long timeoutNanos;
    private final ExecutorService reader;
    private Future<String> running;
    private long startedNanos;
    private Status status = Status.UNKNOWN;
    private String detail = "not checked yet";

    public PathCheck(Path path, Duration timeout, AgentClock clock) {
        this.path = path;
        this.clock = clock;
        this.timeoutNanos = timeout.toNanos();
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lvs-agent-check " + path);
            t.setDaemon(true);
            return t;
        });
    }

    public Path path() {
        return path;
    }

    /**
     * Collects a finished read, declares a slow one hung, and starts a new read when none is
     * running. Called periodically; at most one read per path is ever outstanding.
     */
    public synchronized void poll() {
        if (running != null) {
            if (running.isDone()) {
                collect();
            } else if (clock.nanoTime() - startedNanos > timeoutNanos) {
                status = Status.HUNG;
                detail = path + " did not answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms";
                return; // keep waiting for this read; starting more would pile up blocked threads
            } else {
                return;
            }
        }
        startedNanos = clock.nanoTime();
        try {
            running = reader.submit(() -> read(path));
        } catch (RuntimeException e) {
            running = null; // closed
        }
    }

    private void collect() {
        try {
            String failure = running.get();
            status = failure == null ? Status.OK : Status.FAILED;
            detail = failure == null ? path + " readable" : failure;
        } catch (Exception e) {
            status = Status.FAILED;
            detail = path + ": " + e;
        }
        running = null;
    }

    /** Null when readable, else why not. */
    static String read(Path path) {
        try {
            if (Files.isDirectory(path)) {
                try (DirectoryStream<Path> dir = Files.newDirectoryStream(path)) {
                    Iterator<Path> it = dir.iterator();
                    if (it.hasNext()) {
                        it.next();
                    }
                }
            } else {
                try (InputStream in = Files.newInputStream(path)) {
                    in.read();
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return path + " not readable: " + e;
        }
    }

    public synchronized Status status() {
        return status;
    }

    public synchronized String detail() {
        return detail;
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
