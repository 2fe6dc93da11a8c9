package io.lvsfeedback.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TableSampleTest {
    @Test
    void identicalTablesDifferByNothing() {
        TableSample s = new TableSample(0, "p", Map.of("a", 100, "b", 60), Map.of("b", 60, "a", 100));
        assertThat(s.identical()).isTrue();
        assertThat(s.largestDifference()).isZero();
        assertThat(s.step()).isEqualTo(5); // 1/20 of the largest weight
    }

    @Test
    void oneStepApartIsTheLargestDifferenceAndADestinationMissingOnOneSideCountsWhole() {
        TableSample s = new TableSample(0, "p", Map.of("a", 120, "b", 54), Map.of("a", 120, "b", 60));
        assertThat(s.identical()).isFalse();
        assertThat(s.largestDifference()).isEqualTo(6).isLessThanOrEqualTo(s.step());
        TableSample missing = new TableSample(0, "p", Map.of("a", 120, "b", 54), Map.of("a", 120));
        assertThat(missing.largestDifference()).isEqualTo(54);
    }
}
