package io.lvsfeedback.bench.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lvsfeedback.bench.matrix.MatrixStats.Spread;
import io.lvsfeedback.bench.matrix.MatrixStats.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatrixStatsTest {

    private static MatrixData.Sample sample(long ms, int w1, int w2) {
        return new MatrixData.Sample(ms, "wrr", new int[] {w1, w2, 100}, new int[3], new long[6]);
    }

    @Test
    void failuresCountAsTheTimeOutAndSharesCountAnswersOnly() {
        List<MatrixData.Request> rq = new ArrayList<>();
        for (int i = 0; i < 98; i++) {
            rq.add(new MatrixData.Request(i, 100_000, true, i % 2 == 0 ? "rs1" : "rs3"));
        }
        rq.add(new MatrixData.Request(98, 60_000_000, false, "?"));
        rq.add(new MatrixData.Request(99, 60_000_000, false, "?"));

        MatrixStats.Latency l = MatrixStats.latency(rq);

        assertThat(l.requests()).isEqualTo(100);
        assertThat(l.errors()).isEqualTo(2);
        assertThat(l.p50()).isCloseTo(100, within(0.1));
        // 2 of 100 failed: p99 is a failure, so the time-out (60 s), never a capped success.
        assertThat(l.p99()).isCloseTo(60_000, within(60.0));
        assertThat(l.share(0)).isEqualTo(0.5);
        assertThat(l.share(1)).isZero();
    }

    @Test
    void ratiosPairRoundsByIndexAndKeepThePooledValue() {
        Spread r = MatrixStats.ratio(110, new double[] {100, 120, 110}, 100, new double[] {100, 100, 50});

        assertThat(r.pooled()).isCloseTo(1.1, within(1e-9));
        assertThat(r.rounds()).containsExactly(1.0, 1.2, 2.2);
        assertThat(r.min()).isEqualTo(1.0);
        assertThat(r.max()).isEqualTo(2.2);
        assertThat(r.format("%.2f")).isEqualTo("1.10 (1.00..2.20)");
        assertThat(MatrixStats.ratio(1, new double[] {1}, 0, new double[] {0}).format("%.2f")).isEqualTo("-");
    }

    @ParameterizedTest
    @CsvSource({
        // equal, oracle, x, closed
        "1000, 500, 500, 1.0",
        "1000, 500, 1000, 0.0",
        "1000, 500, 650, 0.7",
        "1000, 500, 1200, -0.4",
    })
    void gapClosedIsTheShareOfTheEqualToOracleGap(double equal, double oracle, double x, double closed) {
        assertThat(MatrixStats.gapClosed(equal, oracle, x)).isCloseTo(closed, within(1e-9));
    }

    @Test
    void noGapWhenTheOracleDoesNotBeatEqual() {
        assertThat(MatrixStats.gapClosed(500, 500, 400)).isNaN();
        assertThat(MatrixStats.gapClosed(400, 500, 400)).isNaN();
    }

    @ParameterizedTest
    @CsvSource({
        "1.0, 1.05, 1.1, MET",
        "1.2, 1.3, 1.1, MISSED",
        "1.0, 1.2, 1.1, UNRESOLVED",
        "1.1, 1.1, 1.1, MET",
    })
    void atMostResolvesOnlyWhenTheSpreadIsOnOneSide(double lo, double hi, double target, Verdict expected) {
        assertThat(MatrixStats.atMost(new Spread((lo + hi) / 2, new double[] {lo, hi}), target)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "0.7, 0.9, 0.7, MET",
        "0.1, 0.6, 0.7, MISSED",
        "0.5, 0.9, 0.7, UNRESOLVED",
    })
    void atLeastIsTheMirror(double lo, double hi, double target, Verdict expected) {
        assertThat(MatrixStats.atLeast(new Spread((lo + hi) / 2, new double[] {lo, hi}), target)).isEqualTo(expected);
    }

    @Test
    void atLeastIsNotResolvableWhenARoundHasNoValue() {
        assertThat(MatrixStats.atLeast(new Spread(0.8, new double[] {0.8, Double.NaN}), 0.7)).isEqualTo(Verdict.UNRESOLVED);
        assertThat(MatrixStats.atMost(new Spread(Double.NaN, new double[0]), 1)).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void halfWayIsTheFirstSamplePastHalfTheMoveInEitherDirection() {
        List<MatrixData.Sample> s = List.of(sample(0, 100, 100), sample(500, 100, 100), sample(1000, 90, 100),
                sample(1500, 70, 100), sample(2000, 55, 100), sample(2500, 40, 100), sample(3000, 20, 100));
        // From 100 (at t=500) to 20: half-way is 60, first reached at 2000 ms (55).
        assertThat(MatrixStats.halfWaySeconds(s, 0, 500, 3000, 20, 2)).isEqualTo(1.5);
        // Rising: from 20 (at 3000) nothing after it: never.
        assertThat(MatrixStats.halfWaySeconds(s, 0, 3000, 9000, 100, 2)).isInfinite();
        // A move smaller than minMove is no move.
        assertThat(MatrixStats.halfWaySeconds(s, 1, 0, 3000, 101, 2)).isNaN();
        List<MatrixData.Sample> up = List.of(sample(0, 20, 100), sample(500, 30, 100), sample(1000, 70, 100));
        assertThat(MatrixStats.halfWaySeconds(up, 0, 0, 1000, 100, 2)).isEqualTo(1.0);
    }

    @Test
    void medianLargestMoveAndPercentile() {
        List<MatrixData.Sample> s = List.of(sample(0, 100, 100), sample(500, 100, 95), sample(1000, 100, 108),
                sample(1500, 100, 100), sample(2000, 80, 100));
        assertThat(MatrixStats.medianWeight(s, 0, 0, 2001)).isEqualTo(100);
        assertThat(MatrixStats.largestMove(s, 1, 0, 1500)).isCloseTo(0.08, within(1e-9));
        assertThat(MatrixStats.weightAt(s, 0, 1999)).isEqualTo(100);
        assertThat(MatrixStats.percentile(new double[] {1, 2, 3, 4, Double.POSITIVE_INFINITY}, 95)).isInfinite();
        assertThat(MatrixStats.percentile(new double[] {3, 1, 2, Double.NaN}, 50)).isEqualTo(2);
    }

    @Test
    void cpuBusyIsTheBusyShareOfTheJiffiesBetweenTwoSamples() {
        MatrixData.Sample a = new MatrixData.Sample(0, "wlc", new int[3], new int[3], new long[] {100, 1000, 50, 500, 50, 500});
        MatrixData.Sample b = new MatrixData.Sample(1, "wlc", new int[3], new int[3], new long[] {150, 1200, 90, 600, 60, 600});
        assertThat(MatrixStats.cpuBusy(a, b, 0)).isCloseTo(0.25, within(1e-9));
        assertThat(MatrixStats.cpuBusy(a, b, 1)).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void timelineLinesCutShortAreSkipped() {
        assertThat(MatrixData.sample("1796193265618 wrr 100 100 100 0 1 2 10 20 5 10 5 10")).isNotNull();
        assertThat(MatrixData.sample("1796193265618 wrr 100 100")).isNull();
        assertThat(MatrixData.sample("1796193265618 wrr - - - - - - 10 20 5 10 5 10").weight(0)).isEqualTo(-1);
    }

    @Test
    void theSamplingPeriodIsTheMedianGapSoOneLateSampleDoesNotChangeIt() {
        List<MatrixData.Sample> timeline = List.of(sample(0, 1, 1), sample(200, 1, 1), sample(400, 1, 1), sample(1400, 1, 1),
                sample(1600, 1, 1));
        assertThat(MatrixStats.samplingSeconds(timeline)).isEqualTo(0.2);
        assertThat(MatrixStats.samplingSeconds(List.of(sample(0, 1, 1)))).isEqualTo(0.5);
    }
}
