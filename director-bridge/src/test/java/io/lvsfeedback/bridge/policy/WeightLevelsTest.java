package io.lvsfeedback.bridge.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class WeightLevelsTest {

    @Test
    void capacitiesOneTwoFourBecomeASevenConnectionCycle() {
        // exactly and as measured with a few percent of noise: 1:2:4 of a step, not 5:10:20
        assertThat(rounded(new int[] {43, 86, 171}, 20)).containsExactly(43, 86, 172);
        assertThat(rounded(new int[] {40, 90, 171}, 20)).containsExactly(43, 86, 172);
        assertThat(wrrCycle(rounded(new int[] {40, 90, 171}, 20))).isEqualTo(7);
    }

    @Test
    void equalWeightsAreOneLevel() {
        assertThat(WeightLevels.step(new int[] {100, 97, 104}, 20)).isEqualTo(104);
        assertThat(rounded(new int[] {100, 97, 104}, 20)).containsExactly(104, 104, 104);
    }

    @Test
    void aRatioNoSmallCycleHoldsWithin10PercentTakesMoreLevels() {
        int[] exact = {57, 114, 228, 1};
        // "1" needs one step near 1/20 of 228 to keep its share near 2.8 %: 19 levels of 12
        assertThat(WeightLevels.step(exact, 20)).isEqualTo(12);
        assertThat(rounded(exact, 20)).containsExactly(60, 120, 228, 12);
    }

    @Test
    void whenNoLevelIsCloseEnoughTheFinestIsTaken() {
        // 50:150 at 2 levels: 1:2 is 33 % off for the smaller; 2 levels is the most allowed
        assertThat(WeightLevels.step(new int[] {50, 150}, 2)).isEqualTo(75);
        assertThat(WeightLevels.step(new int[] {50, 150}, 4)).isEqualTo(50);
    }

    @Test
    void smallWeightsAndNoLevelsStayExact() {
        assertThat(WeightLevels.step(new int[] {3, 5, 10}, 20)).isEqualTo(1);
        assertThat(WeightLevels.step(new int[] {43, 86, 171}, 0)).isEqualTo(1);
        assertThat(WeightLevels.step(new int[] {}, 20)).isEqualTo(1);
    }

    @Property(tries = 1000)
    void everyShareStaysWithinTheToleranceOrTheFinestLevelIsUsed(
            @ForAll @Size(min = 1, max = 12) int[] raw, @ForAll @IntRange(min = 1, max = 64) int maxLevels) {
        int[] weights = Arrays.stream(raw).map(w -> 1 + Math.floorMod(w, 1000)).toArray();
        int top = Arrays.stream(weights).max().getAsInt();
        int step = WeightLevels.step(weights, maxLevels);
        int finest = Math.max(1, (int) Math.round((double) top / maxLevels));
        assertThat(step).isBetween(1, top);
        if (step == 1 || step == finest) {
            return;
        }
        assertThat(step).as("coarser than the finest level").isGreaterThan(finest);
        double floor = (double) top / maxLevels;
        double[] wanted = Arrays.stream(weights).mapToDouble(w -> Math.max(w, floor)).toArray();
        double wantedSum = Arrays.stream(wanted).sum();
        long[] q = Arrays.stream(wanted).mapToLong(w -> WeightLevels.round((int) Math.round(w), step)).toArray();
        double qSum = Arrays.stream(q).sum();
        for (int i = 0; i < q.length; i++) {
            double share = wanted[i] / wantedSum;
            assertThat(Math.abs(q[i] / qSum - share)).isLessThanOrEqualTo(WeightLevels.TOLERANCE * share + 1e-12);
        }
    }

    private static long[] rounded(int[] weights, int maxLevels) {
        int step = WeightLevels.step(weights, maxLevels);
        return Arrays.stream(weights).mapToLong(w -> WeightLevels.round(w, step)).toArray();
    }

    /** Connections in one cycle of IPVS wrr: sum of the weights over their greatest common divisor. */
    private static long wrrCycle(long[] weights) {
        long gcd = 0;
        for (long w : weights) {
            gcd = java.math.BigInteger.valueOf(gcd).gcd(java.math.BigInteger.valueOf(w)).longValue();
        }
        return Arrays.stream(weights).sum() / gcd;
    }
}
