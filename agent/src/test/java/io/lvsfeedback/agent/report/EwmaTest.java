package io.lvsfeedback.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EwmaTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void firstValueIsTakenAsIs() {
        assertThat(new Ewma().update(42, 0, 10 * SECOND)).isEqualTo(42);
    }

    @Test
    void oneTimeConstantMovesAboutSixtyThreePercent() {
        Ewma e = new Ewma();
        e.update(100, 0, 10 * SECOND);
        assertThat(e.update(0, 10 * SECOND, 10 * SECOND)).isCloseTo(100 * Math.exp(-1), within(1e-9));
    }

    @Test
    void resultDoesNotDependOnSamplingRate() {
        Ewma coarse = new Ewma();
        Ewma fine = new Ewma();
        coarse.update(100, 0, 5 * SECOND);
        fine.update(100, 0, 5 * SECOND);
        coarse.update(0, 4 * SECOND, 5 * SECOND);
        for (int i = 1; i <= 4; i++) {
            fine.update(0, i * SECOND, 5 * SECOND);
        }
        assertThat(fine.value()).isCloseTo(coarse.value(), within(1e-9));
    }

    @Test
    void zeroTimeConstantFollowsInputAndNaNIsSkipped() {
        Ewma e = new Ewma();
        e.update(100, 0, 0);
        assertThat(e.update(3, 1, 0)).isEqualTo(3);
        assertThat(e.update(Double.NaN, 2, 0)).isEqualTo(3);
    }
}
