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
     * Burns the CPU time, waits the latency, then tells whether this request is one of the failures.
     *
     * @return true when the request must be answered with an error
     */
    public boolean perform(WorkCost cost) throws InterruptedException {
        burnCpu(cost.cpuMillis());
        if (cost.latencyMillis() > 0) {
            Thread.sleep(cost.latencyMillis());
        }
        return cost.errorRate() > 0 && random.getAsDouble() < cost.errorRate();
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
