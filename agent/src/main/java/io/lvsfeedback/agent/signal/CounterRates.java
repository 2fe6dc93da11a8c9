package io.lvsfeedback.agent.signal;

/**
 * Per-second rates of a few monotonic counters (requests, errors, milliseconds spent in requests)
 * read together: the change since the previous read divided by the time between them. The first
 * read, a read with any counter unknown, and one where a counter went backwards (a connector
 * restarted, a 32-bit counter wrapped) give no rates; the next read starts over from it.
 */
final class CounterRates {
    private double[] last;
    private long lastNanos;

    /** @return the rates, one per counter, or null when this read gives none */
    double[] update(long nanos, double... counters) {
        double[] previous = last;
        long previousNanos = lastNanos;
        boolean known = true;
        for (double c : counters) {
            known &= !Double.isNaN(c);
        }
        last = known ? counters.clone() : null;
        lastNanos = nanos;
        if (!known || previous == null || previous.length != counters.length || nanos <= previousNanos) {
            return null;
        }
        double seconds = (nanos - previousNanos) / 1e9;
        double[] rates = new double[counters.length];
        for (int i = 0; i < counters.length; i++) {
            if (counters[i] < previous[i]) {
                return null;
            }
            rates[i] = (counters[i] - previous[i]) / seconds;
        }
        return rates;
    }

    void reset() {
        last = null;
    }
}
