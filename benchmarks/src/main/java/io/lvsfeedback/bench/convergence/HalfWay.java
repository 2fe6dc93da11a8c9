package io.lvsfeedback.bench.convergence;

import java.util.ArrayList;
import java.util.List;

/**
 * How long a weight takes to cover half of a step's change: from the step's time to the first
 * sample at least half-way from the weight at the step to where it settled (the median of the
 * window's last {@code settleMillis}). Pure arithmetic over a timeline, so it is unit-tested.
 */
final class HalfWay {
    /** One sample of the weight under study. */
    record Sample(long millis, int weight) {}

    /** One step's result; {@code millis} is -1 when the weight never got half-way within the window. */
    record Result(int from, int settled, long millis) {}

    private HalfWay() {}

    static Result of(List<Sample> timeline, long stepMillis, long windowMillis, long settleMillis) {
        int from = weightAt(timeline, stepMillis);
        List<Integer> tail = new ArrayList<>();
        for (Sample s : timeline) {
            if (s.millis() > stepMillis + windowMillis - settleMillis && s.millis() <= stepMillis + windowMillis) {
                tail.add(s.weight());
            }
        }
        if (from < 0 || tail.isEmpty()) {
            return new Result(from, -1, -1);
        }
        tail.sort(Integer::compare);
        int settled = tail.get((tail.size() - 1) / 2);
        double half = (settled - from) / 2.0;
        if (half == 0) {
            return new Result(from, settled, -1);
        }
        for (Sample s : timeline) {
            if (s.millis() <= stepMillis || s.millis() > stepMillis + windowMillis) {
                continue;
            }
            double moved = s.weight() - from;
            if (half > 0 ? moved >= half : moved <= half) {
                return new Result(from, settled, s.millis() - stepMillis);
            }
        }
        return new Result(from, settled, -1);
    }

    /** Largest distance from the weight at {@code startMillis} within the next {@code windowMillis}. */
    static int largestMove(List<Sample> timeline, long startMillis, long windowMillis) {
        int from = weightAt(timeline, startMillis);
        int largest = 0;
        for (Sample s : timeline) {
            if (s.millis() > startMillis && s.millis() <= startMillis + windowMillis) {
                largest = Math.max(largest, Math.abs(s.weight() - from));
            }
        }
        return largest;
    }

    /** The weight of the last sample at or before {@code millis}; -1 when there is none. */
    static int weightAt(List<Sample> timeline, long millis) {
        int w = -1;
        for (Sample s : timeline) {
            if (s.millis() > millis) {
                break;
            }
            w = s.weight();
        }
        return w;
    }
}
