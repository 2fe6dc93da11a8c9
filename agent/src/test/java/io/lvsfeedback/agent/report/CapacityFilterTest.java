package io.lvsfeedback.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The capacity filter on a fake clock: half-second ticks, 10 s smoothing (the defaults). */
class CapacityFilterTest {
    private static final long TICK = 500_000_000L;
    private static final long TAU = 10_000_000_000L;

    private final CapacityFilter filter = new CapacityFilter();
    private long now;

    /** One tick of {@code requests} with {@code serviceSeconds} each on a pool of 10 threads. */
    private double tick(double requests, double serviceSeconds) {
        now += TICK;
        double utilSeconds = requests * serviceSeconds / 10; // mean concurrency / threads x interval
        return filter.update(requests, utilSeconds, TICK / 1e9, now, TAU);
    }

    private int ticksUntil(double requests, double serviceSeconds, double bound, boolean below) {
        for (int i = 1; i <= 100; i++) {
            double c = tick(requests, serviceSeconds);
            if (below ? c <= bound : c >= bound) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aConfirmedFiveFoldSlowdownIsTakenAfterTwoTicks() {
        for (int i = 0; i < 20; i++) {
            tick(10, 0.1);
        }
        assertThat(filter.capacity()).isCloseTo(100, within(1e-6));
        // Half-way from 100 to 20 is 60: the median of three needs two slow ticks, then it jumps.
        assertThat(ticksUntil(10, 0.5, 60, true)).isEqualTo(2);
        assertThat(filter.capacity()).isCloseTo(20, within(1e-6));
    }

    @Test
    void theRecoveryIsAsFastAsTheFall() {
        for (int i = 0; i < 20; i++) {
            tick(10, 0.5);
        }
        // Regression: the average of utilization recovered as 1/(1+4x), five times slower than it fell.
        assertThat(ticksUntil(10, 0.1, 60, false)).isEqualTo(2);
        assertThat(filter.capacity()).isCloseTo(100, within(1e-6));
    }

    @Test
    void oneFrozenTickDoesNotMoveTheCapacityAtAll() {
        for (int i = 0; i < 20; i++) {
            tick(10, 0.1);
        }
        // A 200 ms stop-the-world pause: every request of that tick took 0.2 s longer.
        tick(10, 0.3);
        assertThat(filter.capacity()).isCloseTo(100, within(1e-6));
        tick(10, 0.1);
        assertThat(filter.capacity()).isCloseTo(100, within(1e-6));
    }

    @Test
    void aSmallChangeGlidesWithTheSmoothing() {
        for (int i = 0; i < 20; i++) {
            tick(10, 0.1);
        }
        tick(10, 0.125); // capacity 80: within the jump factor
        tick(10, 0.125);
        double c = filter.capacity();
        assertThat(c).isLessThan(100).isGreaterThan(95);
        for (int i = 0; i < 200; i++) {
            tick(10, 0.125);
        }
        assertThat(filter.capacity()).isCloseTo(80, within(0.5));
    }

    @Test
    void aTrickleOfRequestsIsPooledIntoSamplesOfThree() {
        tick(10, 0.1);
        assertThat(filter.capacity()).isCloseTo(100, within(1e-6));
        // One request a tick, slower: nothing is decided on one request.
        tick(1, 0.5);
        tick(1, 0.5);
        assertThat(filter.capacity()).isCloseTo(100, within(1e-6));
        tick(1, 0.5); // three pooled: one sample of 20; the median still needs a second one
        tick(1, 0.5);
        tick(1, 0.5);
        tick(1, 0.5);
        assertThat(filter.capacity()).isCloseTo(20, within(1e-6));
    }

    @Test
    void aLoneRequestIsASampleAfterFiveSeconds() {
        tick(10, 0.1);
        for (int sample = 1; sample <= 2; sample++) {
            for (int i = 0; i < 11; i++) {
                tick(i == 0 ? 1 : 0, 0.5); // one slow request, then 5 s of silence
            }
        }
        assertThat(filter.capacity()).isCloseTo(20, within(1e-6));
    }

    @Test
    void idleTicksChangeNothing() {
        tick(10, 0.1);
        for (int i = 0; i < 100; i++) {
            tick(0, 0);
        }
        assertThat(filter.capacity()).isCloseTo(100, within(1e-6));
    }

    /** The wrong-way move of issue 12: a server that only got slower never gets a higher capacity. */
    @Property(tries = 500)
    void samplesNoFasterThanTheEstimateNeverRaiseIt(@ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = 1.0, max = 50.0) Double> slowdowns,
                                                    @ForAll @IntRange(min = 1, max = 50) int requests) {
        CapacityFilterTest t = new CapacityFilterTest();
        t.run(requests, slowdowns);
    }

    private void run(int requests, List<Double> slowdowns) {
        for (int i = 0; i < 10; i++) {
            tick(requests, 0.1);
        }
        double healthy = filter.capacity();
        for (double slowdown : slowdowns) {
            assertThat(tick(requests, 0.1 * slowdown)).isLessThanOrEqualTo(healthy * (1 + 1e-9));
        }
    }

    /** Whatever comes in, the estimate stays within what was measured, and finite. */
    @Property(tries = 500)
    void theEstimateStaysWithinTheSamplesSeen(@ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0.01, max = 1000.0) Double> services,
                                              @ForAll @IntRange(min = 0, max = 1000) int requests) {
        new CapacityFilterTest().staysWithin(requests, services);
    }

    private void staysWithin(int requests, List<Double> services) {
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (double service : services) {
            double c = tick(requests, service);
            if (requests > 0) {
                lowest = Math.min(lowest, 10 / service);
                highest = Math.max(highest, 10 / service);
            }
            if (!Double.isNaN(c)) { // NaN only until the first sample is complete
                assertThat(c).isFinite().isBetween(lowest * (1 - 1e-9), highest * (1 + 1e-9));
            }
        }
    }
}
