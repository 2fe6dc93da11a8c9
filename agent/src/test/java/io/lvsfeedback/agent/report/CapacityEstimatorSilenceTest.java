package io.lvsfeedback.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lvsfeedback.model.protocol.Signals;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which intervals without a completion count as a silence: busy ones, when the utilization counts
 * requests (a timer's concurrency, booked at completion, or the pool's busy threads, booked as they
 * pass). Fake clock, half-second ticks, 10 s smoothing.
 */
class CapacityEstimatorSilenceTest {
    private static final long TICK = 500_000_000L;
    private static final long TAU = 20 * TICK;
    private static final double POOL = 2;

    private final CapacityEstimator estimator = new CapacityEstimator();
    private long now;

    /**
     * One tick measured by a timer: rps, the time of the requests completed in it / its length
     * (mean concurrency by Little's law), and the requests in service at its end.
     */
    private double concurrencyTick(double rps, double concurrency, double inService, boolean stalled) {
        Map<String, Double> s = new HashMap<>();
        s.put(Signals.REQUESTS_PER_SECOND, rps);
        s.put(Signals.ERRORS_PER_SECOND, 0.0);
        s.put(Signals.CONCURRENCY, concurrency);
        s.put(Signals.IN_FLIGHT, inService);
        s.put(Signals.POOL_MAX, POOL);
        s.put(Signals.CPU_PROCESS, 0.05);
        now += TICK;
        estimator.update(s, now, TAU, stalled);
        return s.get(Signals.CAPACITY);
    }

    private double concurrencyTick(double rps, double concurrency, double inService) {
        return concurrencyTick(rps, concurrency, inService, false);
    }

    /** The lab's W2 server before the step: 2 req/s of 0.6 s on 2 threads, one completion a tick. */
    private double healthy() {
        double c = Double.NaN;
        for (int i = 0; i < 100; i++) {
            c = concurrencyTick(2, 1.2, 1);
        }
        return c;
    }

    /** One tick measured by the pool alone: rps and the busy request threads at its end. */
    private double poolTick(double rps, double busy) {
        Map<String, Double> s = new HashMap<>();
        s.put(Signals.REQUESTS_PER_SECOND, rps);
        s.put(Signals.ERRORS_PER_SECOND, 0.0);
        s.put(Signals.POOL_BUSY, busy);
        s.put(Signals.POOL_MAX, POOL);
        now += TICK;
        estimator.update(s, now, TAU);
        return s.get(Signals.CAPACITY);
    }

    @Test
    void aBusySilentServerIsEstimatedLowerBeforeItsFirstSlowRequestCompletes() {
        double healthy = healthy();
        assertThat(healthy).isCloseTo(2 / 0.6, within(1e-6));
        double c = Double.NaN;
        for (int i = 0; i < 5; i++) {
            c = concurrencyTick(0, 0, 2); // both threads on 3 s requests: none done, the timer books nothing
        }
        assertThat(c).isLessThan(0.5 * healthy);
    }

    @Test
    void aTimerSilenceCarriesNoCostTheCompletingSampleHoldsIt() {
        double healthy = healthy();
        for (int i = 0; i < 4; i++) {
            concurrencyTick(0, 0, 2);
        }
        // The two slow requests complete: 2 requests that took 3 s each, booked now.
        assertThat(concurrencyTick(4, 2 * 3.0 / 0.5, 0)).as("bounded, one sample").isLessThan(healthy);
        assertThat(concurrencyTick(4, 2 * 3.0 / 0.5, 0)).as("confirmed: exactly the slow level")
                .isCloseTo(2 / 3.0, within(1e-9));
    }

    @Test
    void idleIntervalsChangeNothing() {
        double healthy = healthy();
        for (int i = 0; i < 20; i++) {
            assertThat(concurrencyTick(0, 0, 0)).isCloseTo(healthy, within(1e-9));
        }
        assertThat(concurrencyTick(2, 1.2, 0)).as("nothing carried").isCloseTo(healthy, within(1e-9));
        for (int i = 0; i < 100; i++) {
            poolTick(2, 1);
        }
        double pool = poolTick(2, 1);
        for (int i = 0; i < 20; i++) {
            assertThat(poolTick(0, 0)).isCloseTo(pool, within(1e-9));
        }
        assertThat(poolTick(2, 1)).as("nothing carried").isCloseTo(pool, within(1e-9));
    }

    @Test
    void silenceWithCpuAsTheSourceChangesNothing() {
        double healthy = Double.NaN;
        for (int i = 0; i < 100; i++) {
            healthy = cpuTick(2, 0.3);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(cpuTick(0, 0.9)).as("CPU is not requests in flight").isCloseTo(healthy, within(1e-9));
        }
        assertThat(estimator.source()).isEqualTo(LoadModel.UtilizationSource.CPU);
        assertThat(cpuTick(2, 0.3)).as("nothing carried").isCloseTo(healthy, within(1e-9));
    }

    private double cpuTick(double rps, double cpu) {
        Map<String, Double> s = new HashMap<>();
        s.put(Signals.REQUESTS_PER_SECOND, rps);
        s.put(Signals.ERRORS_PER_SECOND, 0.0);
        s.put(Signals.CPU_PROCESS, cpu);
        now += TICK;
        estimator.update(s, now, TAU);
        return s.get(Signals.CAPACITY);
    }

    @Test
    void aPoolSilenceCarriesItsCostIntoTheNextSample() {
        double healthy = Double.NaN;
        for (int i = 0; i < 100; i++) {
            healthy = poolTick(2, 1); // 1 request per tick, half the pool busy: 1 / (0.5 x 0.5 s)
        }
        assertThat(healthy).isCloseTo(4, within(1e-9));
        // From now on every other tick is busy but silent: the capacity halves (ratio of sums).
        double c = Double.NaN;
        for (int i = 0; i < 200; i++) {
            c = i % 2 == 0 ? poolTick(0, 1) : poolTick(2, 1);
        }
        assertThat(c).isCloseTo(2, within(1e-3));
    }

    @Test
    void aStallLeavesTheSilenceAroundItOut() {
        double healthy = healthy();
        for (int i = 0; i < 4; i++) {
            concurrencyTick(0, 0, 2);
        }
        assertThat(concurrencyTick(0, 0, 2, true)).as("the held-up tick ends the silence's bound").isCloseTo(healthy, within(1e-9));
        assertThat(concurrencyTick(0, 0, 2)).as("the tick after it is left out too").isCloseTo(healthy, within(1e-9));
        assertThat(concurrencyTick(0, 0, 2)).as("a silence starts over after it").isCloseTo(healthy, within(1e-9));
    }
}
