package io.lvsfeedback.bridge.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CycleScheduleTest {
    @ParameterizedTest(name = "at {0} ms, interval {1}: wait {2}")
    @CsvSource({
        "1000000000000, 500, 200",   // on an agent's sample boundary: 40 % of the interval later
        "1000000000199, 500, 1",
        "1000000000200, 500, 500",   // a cycle that starts on time waits a whole interval
        "1000000000450, 500, 250",
        "1000000000999, 1000, 401",
        "1000000000400, 1000, 1000",
    })
    void cyclesStartAtTheSamePhaseOfTheWallClockOnEveryDirector(long now, long interval, long wait) {
        assertThat(CycleSchedule.millisUntilNext(now, interval)).isEqualTo(wait);
    }
}
