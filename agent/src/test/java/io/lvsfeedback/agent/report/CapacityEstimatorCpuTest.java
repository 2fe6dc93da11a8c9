package io.lvsfeedback.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lvsfeedback.agent.signal.CpuSignal;
import io.lvsfeedback.model.protocol.Signals;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The lab's W5 at 5 % of a CPU, as the signals see it: 4 request threads, one request in service at a
 * time, each 2.5 s long because it waits for its share of the CPU (0.4 requests/s). The threads read
 * 4 threads / 2.5 s = 1.6 requests/s; the CPU says 0.4.
 */
class CapacityEstimatorCpuTest {
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long TAU = TimeUnit.SECONDS.toNanos(2);
    private static final double SECONDS = 0.25;
    private static final double THREADS = 4;
    private static final double CPUS = 2;

    private final CapacityEstimator estimator = new CapacityEstimator();
    private long now;
    private double throttledSeconds;

    /** One 250 ms tick of a server that completes a 2.5 s request every tenth tick. */
    private Map<String, Double> tick(int i, double limitCpus, double cpuUsed, boolean throttled) {
        boolean completes = i % 10 == 9;
        Map<String, Double> s = new HashMap<>();
        s.put(Signals.REQUESTS_PER_SECOND, completes ? 1 / SECONDS : 0.0);
        s.put(Signals.ERRORS_PER_SECOND, 0.0);
        s.put(Signals.CONCURRENCY, completes ? 2.5 / SECONDS : 0.0); // the timer books it at completion
        s.put(Signals.IN_FLIGHT, 1.0);
        s.put(Signals.POOL_MAX, THREADS);
        s.put(Signals.CPUS, CPUS);
        s.put(Signals.CPU_PROCESS, cpuUsed / CPUS);
        s.put(Signals.CPU_LIMIT, limitCpus);
        throttledSeconds += throttled ? 0.01 : 0;
        s.put(CpuSignal.THROTTLED_SECONDS_TOTAL, throttledSeconds);
        now += TICK;
        estimator.update(s, now, TAU);
        return s;
    }

    @Test
    void aCpuQuotaUsedToTheFullBoundsTheCapacityTheThreadsOverstate() {
        Map<String, Double> s = null;
        for (int i = 0; i < 200; i++) {
            s = tick(i, 0.05, 0.05, true);
        }
        assertThat(s.get(Signals.CAPACITY_CPU)).isCloseTo(0.4, within(0.02));
        assertThat(s.get(Signals.CAPACITY)).isCloseTo(0.4, within(0.02));
        assertThat(s).doesNotContainKey(CpuSignal.THROTTLED_SECONDS_TOTAL);
    }

    @Test
    void withoutAQuotaAndWithCpuToSpareTheThreadsRule() {
        Map<String, Double> s = null;
        for (int i = 0; i < 200; i++) {
            s = tick(i, CPUS, 0.02, false);
        }
        assertThat(s.get(Signals.CAPACITY_CPU)).isNaN();
        assertThat(s.get(Signals.CAPACITY)).isCloseTo(1.6, within(0.05));
    }

    @Test
    void whenTheQuotaGoesTheCpuBoundRisesOutOfTheWay() {
        for (int i = 0; i < 200; i++) {
            tick(i, 0.05, 0.05, true);
        }
        // The quota is lifted: 5 requests a tick, one in service on average, 2 % of the 2 CPUs used;
        // the old CPU bound must not hold the capacity at 0.4.
        Map<String, Double> s = null;
        for (int i = 0; i < 40; i++) {
            s = new HashMap<>();
            s.put(Signals.REQUESTS_PER_SECOND, 5 / SECONDS);
            s.put(Signals.ERRORS_PER_SECOND, 0.0);
            s.put(Signals.CONCURRENCY, 1.0);
            s.put(Signals.IN_FLIGHT, 1.0);
            s.put(Signals.POOL_MAX, THREADS);
            s.put(Signals.CPUS, CPUS);
            s.put(Signals.CPU_PROCESS, 0.02);
            s.put(Signals.CPU_LIMIT, CPUS);
            s.put(CpuSignal.THROTTLED_SECONDS_TOTAL, throttledSeconds);
            now += TICK;
            estimator.update(s, now, TAU);
        }
        // threads: 20 requests/s at a quarter of the threads = 80; the CPU allows far more
        assertThat(s.get(Signals.CAPACITY)).isCloseTo(80, within(1.0));
        assertThat(s.get(Signals.CAPACITY_CPU)).isGreaterThan(80);
    }
}
