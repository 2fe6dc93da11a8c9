package io.lvsfeedback.bridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CycleInstantTest {
    @ParameterizedTest(name = "at {0} ms, interval {1}, agents every {2}: wait {3}")
    @CsvSource({
        "1000000000000, 500, 500, 200",    // on an agent's sample boundary: 40 % of the interval later
        "1000000000199, 500, 500, 1",
        "1000000000200, 500, 500, 500",    // a cycle that starts on time waits a whole interval
        "1000000000450, 500, 500, 250",
        "1000000000999, 1000, 500, 201",   // 1 s interval, agents every 500 ms: 200 ms past the second
        "1000000000200, 1000, 500, 1000",
        "1000000000999, 1000, 1000, 401",  // agents sampling once a second: 400 ms, as before
        "1000000000000, 300, 500, 20",     // interval shorter than the agents' samples: 40 % of it (120), 100 ms past a multiple of 300
    })
    void cyclesStartAtTheSamePhaseOfTheWallClockOnEveryDirector(long now, long interval, long sample, long wait) {
        assertThat(CycleInstant.millisUntilNext(now, interval, sample)).isEqualTo(wait);
    }

    /**
     * Two directors whose clocks agree start their cycles at the same instant, and every cycle
     * starts at least 40 % of a sample interval after the agents' last sample and 60 % before their
     * next: that margin is what a late poll may take before it would get another sample than the
     * other director's.
     */
    @Property
    void everyCycleStartsWellBetweenTwoAgentSamples(@ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long now,
                                                    @ForAll @IntRange(min = 1, max = 8) int samplesPerInterval,
                                                    @ForAll @IntRange(min = 50, max = 2000) int sampleInterval) {
        long interval = (long) samplesPerInterval * sampleInterval;
        long start = now + CycleInstant.millisUntilNext(now, interval, sampleInterval);
        assertThat(start % interval).isEqualTo(sampleInterval * 40L / 100);
        long sinceSample = start % sampleInterval;
        assertThat(sinceSample).isEqualTo(sampleInterval * 40L / 100);
        assertThat(sampleInterval - sinceSample).isGreaterThanOrEqualTo(sampleInterval * 60L / 100);
    }

    @Test
    void theInstantACycleNamesIsItsOwnStartEvenWhenItRunsLate() {
        // poll 1 s, agents 500 ms: cycles stand for hh:mm:ss.200
        assertThat(CycleInstant.latest(10_200, 1000, 500)).isEqualTo(10_200);
        assertThat(CycleInstant.latest(10_999, 1000, 500)).isEqualTo(10_200);
        assertThat(CycleInstant.latest(11_100, 1000, 500)).isEqualTo(10_200);
        assertThat(CycleInstant.latest(11_200, 1000, 500)).isEqualTo(11_200);
    }
}
