package io.lvsfeedback.compat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load on loopback: {@code clients} threads, each on its own keep-alive connection,
 * sending {@code GET /sleep?ms=N} one after the other for a bounded time. Counts the responses.
 */
final class Traffic implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile boolean stop;
    private final java.util.LinkedList<long[]> marks = new java.util.LinkedList<>();

    Traffic(int port, int clients, long sleepMillis, long maxMillis) {
        long deadline = startNanos + maxMillis * 1_000_000;
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> run(port, sleepMillis, deadline), "traffic-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void run(int port, long sleepMillis, long deadline) {
        byte[] request = ("GET /sleep?ms=" + sleepMillis + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        while (!stop && System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(10_000);
                s.setTcpNoDelay(true);
                OutputStream out = s.getOutputStream();
                InputStream in = new BufferedInputStream(s.getInputStream());
                while (!stop && System.nanoTime() < deadline) {
                    out.write(request);
                    out.flush();
                    readResponse(in);
                    responses.incrementAndGet();
                }
            } catch (IOException e) {
                failures.incrementAndGet();
            }
        }
    }

    /** Reads one response: headers, then a Content-Length or chunked body. */
    private static void readResponse(InputStream in) throws IOException {
        long length = -1;
        boolean chunked = false;
        String line;
        boolean first = true;
        while (!(line = readLine(in)).isEmpty()) {
            if (first && !line.startsWith("HTTP/1.1 200")) {
                throw new IOException("unexpected status: " + line);
            }
            first = false;
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            long size;
            while ((size = Long.parseLong(readLine(in).trim(), 16)) > 0) {
                in.skipNBytes(size);
                readLine(in);
            }
            readLine(in);
        } else if (length >= 0) {
            in.skipNBytes(length);
        } else {
            throw new IOException("no body length");
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    long responses() {
        return responses.get();
    }

    long failures() {
        return failures.get();
    }

    /** Responses per second since the start. */
    double rate() {
        return responses.get() / ((System.nanoTime() - startNanos) / 1e9);
    }

    /**
     * Responses per second over about the last {@code windowMillis}, measured between calls: the
     * first call (and any before the window has passed) gives the rate since the start. What the
     * agent's smoothed rps compares with, once the server has warmed up.
     */
    synchronized double recentRate(long windowMillis) {
        long now = System.nanoTime();
        marks.addLast(new long[] {now, responses.get()});
        while (marks.size() > 1 && now - marks.get(1)[0] >= windowMillis * 1_000_000) {
            marks.removeFirst();
        }
        long[] first = marks.getFirst();
        if (now - first[0] < windowMillis * 1_000_000 / 2) {
            return rate();
        }
        return (responses.get() - first[1]) / ((now - first[0]) / 1e9);
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread t : threads) {
            t.join(15_000);
        }
    }
}
