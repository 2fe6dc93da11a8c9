package io.lvsfeedback.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
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
        return filter.update(requests, utilSeconds, now, TAU);
    }

    /** Enough steady ticks for the filter to learn that these service times do not vary. */
    private void steady(double requests, double serviceSeconds) {
        for (int i = 0; i < 200; i++) {
            tick(requests, serviceSeconds);
        }
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
        steady(10, 0.1);
        assertThat(filter.capacity()).isCloseTo(100, within(1e-6));
        // Half-way from 100 to 20 is 60: the median of three needs two slow ticks, then it jumps.
        assertThat(ticksUntil(10, 0.5, 60, true)).isEqualTo(2);
        assertThat(filter.capacity()).isCloseTo(20, within(1e-6));
    }

    @Test
    void theRecoveryIsAsFastAsTheFall() {
        steady(10, 0.5);
        // Regression: the average of utilization recovered as 1/(1+4x), five times slower than it fell.
        assertThat(ticksUntil(10, 0.1, 60, false)).isEqualTo(2);
        assertThat(filter.capacity()).isCloseTo(100, within(1e-6));
    }

    @Test
    void oneFrozenTickMovesTheCapacityByAFractionOfTheJumpBoundOnly() {
        steady(10, 0.1);
        // A 200 ms stop-the-world pause: every request of that tick took 0.2 s longer (a third of
        // the capacity, raw); it glides in at the jump bound, 1.5x, with the 500 ms / 10 s weight.
        tick(10, 0.3);
        assertThat(filter.capacity()).isBetween(97.0, 100.0);
        tick(10, 0.1);
        tick(10, 0.1);
        assertThat(filter.capacity()).as("no jump: the median never saw it").isBetween(97.0, 100.0);
    }

    @Test
    void aSmallChangeGlidesWithTheSmoothing() {
        steady(10, 0.1);
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
    void singleRequestsAreEnoughWhenServiceTimesDoNotVary() {
        steady(1, 0.1); // one request a tick (the lab's rates), always 100 ms
        assertThat(filter.noise()).isLessThan(0.05);
        tick(1, 0.5);
        tick(1, 0.5);
        assertThat(filter.capacity()).isCloseTo(20, within(1e-6));
    }

    @Test
    void untilTheNoiseIsKnownOneOrTwoRequestsCannotMakeItJump() {
        tick(1, 0.1);
        tick(1, 0.1);
        tick(1, 0.1);
        tick(1, 0.5);
        tick(1, 0.5);
        assertThat(filter.capacity()).as("glides, does not jump").isGreaterThan(60);
    }

    /** Exponential service times of mean 100 ms: capacity 100 on 10 threads. */
    private void noisyTicks(Random random, int ticks, int requests, double meanSeconds, double[] range) {
        for (int i = 0; i < ticks; i++) {
            double busy = 0;
            for (int r = 0; r < requests; r++) {
                busy += -meanSeconds * Math.log(1 - random.nextDouble());
            }
            now += TICK;
            double c = filter.update(requests, busy / 10, now, TAU);
            range[0] = Math.min(range[0], c);
            range[1] = Math.max(range[1], c);
        }
    }

    @Test
    void noisySingleRequestsDoNotMakeTheEstimateJumpAround() {
        Random random = new Random(7);
        double[] range = {Double.MAX_VALUE, 0};
        noisyTicks(random, 200, 1, 0.1, new double[2]);
        noisyTicks(random, 2000, 1, 0.1, range);
        // Samples of one exponential request each span 100x; the estimate must not follow them.
        assertThat(filter.noise()).isBetween(0.6, 1.6);
        assertThat(range[0]).isGreaterThan(40);
        assertThat(range[1]).isLessThan(250);
    }

    @Test
    void withManyNoisyRequestsAFiveFoldSlowdownStillJumps() {
        Random random = new Random(11);
        noisyTicks(random, 200, 100, 0.1, new double[2]);
        double before = filter.capacity();
        assertThat(before).isBetween(80.0, 125.0);
        noisyTicks(random, 2, 100, 0.5, new double[2]);
        assertThat(filter.capacity()).isBetween(16.0, 27.0);
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
        steady(requests, 0.1);
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
