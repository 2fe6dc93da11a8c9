package io.lvsfeedback.bench.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bench.convergence.HalfWay.Sample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HalfWayTest {
    private static List<Sample> timeline(int... weightsEvery100ms) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < weightsEvery100ms.length; i++) {
            out.add(new Sample(i * 100L, weightsEvery100ms[i]));
        }
        return out;
    }

    @Test
    void aFallIsHalfWayAtTheFirstSampleBeyondTheMiddle() {
        // step at 150 ms from 100, settles at 20: half-way is 60, first reached at 500 ms
        List<Sample> t = timeline(100, 100, 100, 100, 80, 50, 20, 20, 20, 20, 20);
        HalfWay.Result r = HalfWay.of(t, 150, 850, 300);
        assertThat(r.from()).isEqualTo(100);
        assertThat(r.settled()).isEqualTo(20);
        assertThat(r.millis()).isEqualTo(350);
    }

    @Test
    void aRiseCountsUpwards() {
        List<Sample> t = timeline(20, 20, 40, 70, 100, 100, 100);
        assertThat(HalfWay.of(t, 50, 600, 200).millis()).isEqualTo(250);
    }

    @Test
    void aWeightThatNeverMovesIsNeverHalfWay() {
        List<Sample> t = timeline(100, 100, 100, 100);
        assertThat(HalfWay.of(t, 50, 300, 100).millis()).isEqualTo(-1);
    }

    @Test
    void theLargestMoveIsMeasuredFromTheWeightAtTheStart() {
        List<Sample> t = timeline(100, 96, 104, 91, 100, 100);
        assertThat(HalfWay.largestMove(t, 0, 500)).isEqualTo(9);
        assertThat(HalfWay.largestMove(t, 400, 500)).isZero();
    }
}
