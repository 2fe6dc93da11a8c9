package io.lvsfeedback.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The capacity a CPU limit allows, fed 250 ms intervals like the agent's default sample interval. */
class CpuBoundTest {
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long TAU = TimeUnit.SECONDS.toNanos(2);
    private static final double SECONDS = 0.25;

    private final CpuBound bound = new CpuBound();
    private long now;

    private double tick(double requests, double cpuSeconds, double limitCpus, boolean throttled) {
        now += TICK;
        bound.update(requests, cpuSeconds, limitCpus, SECONDS, throttled, now, TAU);
        return bound.capacity();
    }

    @Test
    void noBoundWhileTheCpuIsNotTheLimit() {
        for (int i = 0; i < 40; i++) {
            // 2 CPUs, half of one used: whatever the rate, the CPU does not say how far it could go
            assertThat(tick(5, 0.125, 2, false)).isNaN();
        }
    }

    @Test
    void aSaturatedQuotaGivesTheRateItYields() {
        // 5 % of a CPU, all of it used, one request completing every 2.5 s: 0.4 requests/s
        double capacity = Double.NaN;
        for (int i = 0; i < 60; i++) {
            capacity = tick(i % 10 == 9 ? 1 : 0, 0.05 * SECONDS, 0.05, true);
        }
        assertThat(capacity).isCloseTo(0.4, within(0.01));
    }

    @Test
    void intervalsWithoutACompletionCarryTheirCpuIntoTheNextSample() {
        // one completion every third interval at 90 % of one CPU: 1 request per 0.75 s of the CPU
        double capacity = Double.NaN;
        for (int i = 0; i < 30; i++) {
            capacity = tick(i % 3 == 2 ? 1 : 0, 0.9 * SECONDS, 1, false);
        }
        assertThat(capacity).isCloseTo(1 / (0.75 * 0.9), within(0.01));
    }

    @Test
    void throttlingSaysSaturatedEvenWhenTheIntervalUsedLessThanTheLimit() {
        // throttled for part of the interval, 60 % used on average: still the CPU that limits
        for (int i = 0; i < 10; i++) {
            tick(3, 0.6 * 0.5 * SECONDS, 0.5, true);
        }
        assertThat(bound.capacity()).isCloseTo(3 / (0.6 * SECONDS), within(0.01));
    }

    @Test
    void anUnsaturatedSampleRaisesTheBoundAndNeverLowersIt() {
        for (int i = 0; i < 10; i++) {
            tick(1, 0.05 * SECONDS, 0.05, true); // 4 requests/s at 5 % of a CPU
        }
        assertThat(bound.capacity()).isCloseTo(4, within(0.01));
        for (int i = 0; i < 10; i++) {
            // the quota went, 2 CPUs now; background CPU makes the sample low: a lower bound, no news
            assertThat(tick(0.25, 0.5 * SECONDS, 2, false)).isCloseTo(4, within(0.01));
        }
        double capacity = Double.NaN;
        for (int i = 0; i < 10; i++) {
            capacity = tick(5, 0.05 * SECONDS, 2, false); // 5 requests for 12.5 ms of CPU: 800/s on 2 CPUs
        }
        assertThat(capacity).isGreaterThan(400);
    }

    @Test
    void oneOddSaturatedSampleDoesNotMoveTheLevelAndTwoOfThreeDo() {
        for (int i = 0; i < 20; i++) {
            tick(80, SECONDS, 1, true); // 320 requests/s
        }
        assertThat(tick(20, SECONDS, 1, true)).isGreaterThan(240);
        assertThat(tick(80, SECONDS, 1, true)).isGreaterThan(240);
        assertThat(tick(20, SECONDS, 1, true)).isCloseTo(80, within(0.01));
    }

    @Test
    void unknownInputsEndTheSpanWithoutASample() {
        for (int i = 0; i < 10; i++) {
            tick(1, SECONDS, 1, true);
        }
        double before = bound.capacity();
        tick(0, SECONDS, 1, true); // carried ...
        tick(0, Double.NaN, 1, true); // ... then forgotten: the process CPU could not be read
        tick(0, SECONDS, Double.NaN, false);
        tick(0, SECONDS, 0, false);
        tick(Double.POSITIVE_INFINITY, SECONDS, 1, true);
        tick(-1, SECONDS, 1, true);
        assertThat(bound.capacity()).isEqualTo(before);
        assertThat(tick(1, SECONDS, 1, true)).isEqualTo(before); // one interval's CPU, not six
    }

    @Test
    void forgetClearsTheLevel() {
        for (int i = 0; i < 10; i++) {
            tick(1, SECONDS, 1, true);
        }
        bound.forget();
        assertThat(bound.capacity()).isNaN();
        assertThat(tick(3, SECONDS, 1, true)).isCloseTo(12, within(0.01));
    }

    /**
     * Whatever the signals say (NaN, infinities, negatives, extremes), the bound is unknown or a positive
     * finite rate (it found Infinity and 0 before CapacityFilter refused rates outside 1e-12..1e12).
     * Shrinking off: shrinking wide doubles takes minutes.
     */
    @net.jqwik.api.Property(tries = 1000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void anyInputsGiveNoBoundOrAPositiveFiniteOne(
            @net.jqwik.api.ForAll("numbers") java.util.List<Double> inputs) {
        CpuBound b = new CpuBound();
        long t = 0;
        for (int i = 0; i + 3 < inputs.size(); i += 4) {
            t += TICK;
            b.update(inputs.get(i), inputs.get(i + 1), inputs.get(i + 2), inputs.get(i + 3), i % 8 == 0, t, TAU);
            double c = b.capacity();
            assertThat(Double.isNaN(c) || (c > 0 && Double.isFinite(c))).as("capacity %s", c).isTrue();
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<java.util.List<Double>> numbers() {
        net.jqwik.api.Arbitrary<Double> any = net.jqwik.api.Arbitraries.oneOf(
                net.jqwik.api.Arbitraries.doubles().between(-1e300, 1e300),
                net.jqwik.api.Arbitraries.doubles().between(0, 10),
                net.jqwik.api.Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, Double.MAX_VALUE, 0.0, -0.0, 1e-300));
        return any.list().ofMinSize(4).ofMaxSize(200);
    }
}
