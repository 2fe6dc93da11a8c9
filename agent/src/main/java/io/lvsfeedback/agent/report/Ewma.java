package io.lvsfeedback.agent.report;

/**
 * Exponentially weighted moving average over time: a new value pulls the average by
 * {@code 1 - exp(-dt / tau)}, so the result does not depend on how often it is sampled, and one
 * outlier (a GC pause) moves it only a little. A time constant of 0 follows the input exactly.
 */
final class Ewma {
    private double value = Double.NaN;
    private long lastNanos;

    /** Feeds a value seen at {@code nowNanos}; NaN inputs are skipped. Returns the new average. */
    double update(double input, long nowNanos, long tauNanos) {
        if (Double.isNaN(input)) {
            return value;
        }
        if (Double.isNaN(value) || tauNanos <= 0) {
            value = input;
        } else {
            double dt = Math.max(0, nowNanos - lastNanos);
            double alpha = 1 - Math.exp(-dt / tauNanos);
            value += alpha * (input - value);
        }
        lastNanos = nowNanos;
        return value;
    }

    double value() {
        return value;
    }

    /** Replaces the average (a confirmed new level); the next update pulls from it as usual. */
    void set(double v) {
        value = v;
    }
}
