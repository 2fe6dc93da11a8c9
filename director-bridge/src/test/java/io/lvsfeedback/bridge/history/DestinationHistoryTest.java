package io.lvsfeedback.bridge.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DestinationHistoryTest {
    static final long T0 = 1_000_000_000L;

    @Test
    void keepsAtMostTheWindowInBoundedPoints() {
        DestinationHistory h = new DestinationHistory();
        long t = T0;
        for (int i = 0; i < 10_000; i++) {
            h.record(t, i, 100.0, PointState.READY);
            t += 500;
        }
        List<HistoryPoint> points = h.points(t);
        assertThat(points).hasSizeLessThanOrEqualTo(DestinationHistory.POINTS).hasSizeGreaterThan(DestinationHistory.POINTS - 2);
        assertThat(points.get(points.size() - 1).weight()).isEqualTo(9_999);
        assertThat(points).isSortedAccordingTo((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
        assertThat(t - points.get(0).atMillis()).isLessThanOrEqualTo(DestinationHistory.WINDOW_MILLIS);
    }

    @Test
    void cyclesInOneSlotKeepTheLastValuesAndEveryMark() {
        DestinationHistory h = new DestinationHistory();
        long slotStart = Math.floorDiv(T0, DestinationHistory.SLOT_MILLIS) * DestinationHistory.SLOT_MILLIS;
        h.mark(Mark.DRAIN);
        h.record(slotStart, 100, 300, PointState.READY);
        h.mark(Mark.OVERRIDE);
        h.record(slotStart + 1000, 0, Double.NaN, PointState.DRAIN);
        h.record(slotStart + DestinationHistory.SLOT_MILLIS, 5, 10, PointState.READY);

        List<HistoryPoint> points = h.points(slotStart + DestinationHistory.SLOT_MILLIS);
        assertThat(points).hasSize(2);
        assertThat(points.get(0).weight()).isZero();
        assertThat(points.get(0).capacity()).isNaN();
        assertThat(points.get(0).state()).isEqualTo(PointState.DRAIN);
        assertThat(points.get(0).marks()).isEqualTo(Set.of(Mark.DRAIN, Mark.OVERRIDE));
        assertThat(points.get(1).marks()).isEmpty();
    }

    @Test
    void forgetsPointsOlderThanTheWindow() {
        DestinationHistory h = new DestinationHistory();
        h.record(T0, 1, 1, PointState.READY);
        h.record(T0 + 60_000, 2, 1, PointState.READY);
        assertThat(h.points(T0 + DestinationHistory.WINDOW_MILLIS + 30_000)).extracting(HistoryPoint::weight).containsExactly(2);
    }
}
