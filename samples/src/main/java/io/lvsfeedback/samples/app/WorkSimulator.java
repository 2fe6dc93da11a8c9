package io.lvsfeedback.samples.app;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Spends what a {@link WorkCost} says on the calling (request) thread. */
public final class WorkSimulator {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final DoubleSupplier random;

    public WorkSimulator() {
        this(() -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random uniform numbers in [0, 1), decides which requests fail */
    public WorkSimulator(DoubleSupplier random) {
        this.random = random;
    }

    /**
     * Allocates the heap, burns the CPU time, waits the latency (the allocation stays reachable
     * until then, so concurrent requests make live data the collector must copy or promote), then
     * tells whether this request is one of the failures.
     *
     * @return true when the request must be answered with an error
     */
    public boolean perform(WorkCost cost) throws InterruptedException {
        byte[][] held = allocate(cost.allocMegabytes());
        burnCpu(cost.cpuMillis());
        if (cost.latencyMillis() > 0) {
            Thread.sleep(cost.latencyMillis());
        }
        boolean fail = cost.errorRate() > 0 && random.getAsDouble() < cost.errorRate();
        return fail | checksum(held) == Long.MIN_VALUE; // reads the arrays: they live until here
    }

    /** {@code megabytes} MiB in 64 KiB arrays, one byte written per 4 KiB page. */
    static byte[][] allocate(int megabytes) {
        if (megabytes <= 0) {
            return new byte[0][];
        }
        byte[][] chunks = new byte[megabytes * 16][];
        for (int i = 0; i < chunks.length; i++) {
            byte[] c = new byte[64 * 1024];
            for (int p = 0; p < c.length; p += 4096) {
                c[p] = (byte) (i + p);
            }
            chunks[i] = c;
        }
        return chunks;
    }

    private static long checksum(byte[][] chunks) {
        long sum = 0;
        for (byte[] c : chunks) {
            sum += c[0];
        }
        return sum;
    }

    /**
     * Spins until this thread has used {@code millis} of CPU. Bounded by wall time too (ten times
     * the budget), so a starved machine cannot keep a request thread here for ever.
     */
    static long burnCpu(long millis) {
        if (millis <= 0) {
            return 0;
        }
        long budgetNanos = millis * 1_000_000L;
        boolean cpuClock = THREADS.isCurrentThreadCpuTimeSupported();
        long cpuStart = cpuClock ? THREADS.getCurrentThreadCpuTime() : 0;
        long wallStart = System.nanoTime();
        long wallLimit = wallStart + 10 * budgetNanos;
        long sink = 0;
        while (true) {
            for (int i = 0; i < 10_000; i++) {
                sink += (sink ^ i) * 31 + i; // work the JIT cannot drop: the result is returned
            }
            long now = System.nanoTime();
            long used = cpuClock ? THREADS.getCurrentThreadCpuTime() - cpuStart : now - wallStart;
            if (used >= budgetNanos || now >= wallLimit) {
                return sink;
            }
        }
    }
}
