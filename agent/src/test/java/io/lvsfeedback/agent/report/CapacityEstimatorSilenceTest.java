package io.lvsfeedback.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lvsfeedback.model.protocol.Signals;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which intervals without a completion count as a silence: busy ones, when the utilization is
 * requests in flight (pool or concurrency). Fake clock, half-second ticks, 10 s smoothing.
 */
class CapacityEstimatorSilenceTest {
    private static final long TICK = 500_000_000L;
    private static final long TAU = 20 * TICK;
    private static final double POOL = 2;

    private final CapacityEstimator estimator = new CapacityEstimator();
    private long now;

    /** One tick measured by the concurrency source: rps and mean requests in flight. */
    private double concurrencyTick(double rps, double inFlight, boolean stalled) {
        Map<String, Double> s = new HashMap<>();
        s.put(Signals.REQUESTS_PER_SECOND, rps);
        s.put(Signals.ERRORS_PER_SECOND, 0.0);
        s.put(Signals.CONCURRENCY, inFlight);
        s.put(Signals.POOL_MAX, POOL);
        s.put(Signals.CPU_PROCESS, 0.05);
        now += TICK;
        estimator.update(s, now, TAU, stalled);
        return s.get(Signals.CAPACITY);
    }

    private double concurrencyTick(double rps, double inFlight) {
        return concurrencyTick(rps, inFlight, false);
    }

    /** The lab's W2 server before the step: 2 req/s of 0.6 s on 2 threads, one completion a tick. */
    private double healthy() {
        double c = Double.NaN;
        for (int i = 0; i < 100; i++) {
            c = concurrencyTick(2, 1.2);
        }
        return c;
    }

    @Test
    void aBusySilentServerIsEstimatedLowerBeforeItsFirstSlowRequestCompletes() {
        double healthy = healthy();
        assertThat(healthy).isCloseTo(2 / 0.6, within(1e-6));
        double c = Double.NaN;
        for (int i = 0; i < 5; i++) {
            c = concurrencyTick(0, 2); // both threads on 3 s requests, none done yet
        }
        assertThat(c).isLessThan(0.5 * healthy);
    }

    @Test
    void idleIntervalsChangeNothing() {
        double healthy = healthy();
        for (int i = 0; i < 20; i++) {
            assertThat(concurrencyTick(0, 0)).isCloseTo(healthy, within(1e-9));
        }
        assertThat(concurrencyTick(2, 1.2)).as("nothing carried").isCloseTo(healthy, within(1e-9));
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
    void theSilenceCarriesItsCostIntoTheNextSample() {
        healthy();
        // From now on every other tick is silent with the same cost: capacity halves (ratio of sums).
        double c = Double.NaN;
        for (int i = 0; i < 200; i++) {
            c = i % 2 == 0 ? concurrencyTick(0, 1.2) : concurrencyTick(2, 1.2);
        }
        assertThat(c).isCloseTo(1 / 0.6, within(1e-3));
    }

    @Test
    void aStallLeavesTheSilenceAroundItOut() {
        double healthy = healthy();
        for (int i = 0; i < 4; i++) {
            concurrencyTick(0, 2);
        }
        assertThat(concurrencyTick(0, 2, true)).as("the held-up tick ends the silence's bound").isCloseTo(healthy, within(1e-9));
        assertThat(concurrencyTick(0, 2)).as("the tick after it is left out too").isCloseTo(healthy, within(1e-9));
        assertThat(concurrencyTick(2, 1.2)).as("nothing carried across the stall").isCloseTo(healthy, within(1e-9));
    }
}
