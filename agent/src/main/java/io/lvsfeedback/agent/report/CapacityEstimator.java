package io.lvsfeedback.agent.report;

import io.lvsfeedback.model.protocol.Signals;
import java.util.Map;

/**
 * Smooths the inputs of the capacity, not the capacity: request rate, error rate and utilization
 * are averaged with the same time constant, on the same ticks, and the capacity is computed from
 * the averages. Each average is linear in the traffic, so their ratio is a traffic-weighted mean
 * of rps / util and one odd tick (a burst, a GC pause, an idle second) moves it only a little,
 * where the ratio of raw values would swing with every tick.
 *
 * <p>When the utilization's source changes (CPU until the application's pool and timer show up,
 * for example) the averages start over: mixing two sources would report a capacity that neither
 * measures.
 */
final class CapacityEstimator {
    private Ewma rps = new Ewma();
    private Ewma errors = new Ewma();
    private Ewma util = new Ewma();
    private LoadModel.UtilizationSource source = LoadModel.UtilizationSource.NONE;

    /**
     * Reads the raw rps, err_rate and utilization inputs of {@code s} and replaces them with the
     * smoothed rps, err_rate, util and the capacity.
     */
    void update(Map<String, Double> s, long nowNanos, long tauNanos) {
        double rawRps = LoadModel.get(s, Signals.REQUESTS_PER_SECOND);
        double rawErrors = LoadModel.get(s, Signals.ERRORS_PER_SECOND);
        LoadModel.UtilizationSource now = LoadModel.utilizationSource(s);
        double rawUtil = LoadModel.utilization(s);
        if (now != source && now != LoadModel.UtilizationSource.NONE) {
            source = now;
            rps = new Ewma();
            errors = new Ewma();
            util = new Ewma();
        }
        rps.update(rawRps, nowNanos, tauNanos);
        // Utilization and errors only on ticks with a request rate: a tick that feeds one average
        // and not the other would bias their ratio.
        if (!Double.isNaN(rawRps) && !Double.isNaN(rawUtil)) {
            util.update(rawUtil, nowNanos, tauNanos);
            errors.update(Double.isNaN(rawErrors) ? 0 : rawErrors, nowNanos, tauNanos);
        }
        s.put(Signals.REQUESTS_PER_SECOND, rps.value());
        // Without a request rate (no Micrometer) there is no capacity; the raw utilization still informs.
        double u = Double.isNaN(util.value()) ? rawUtil : util.value();
        s.put(Signals.UTILIZATION, u);
        s.put(Signals.ERRORS_PER_SECOND, Double.isNaN(errors.value()) ? rawErrors : errors.value());
        s.put(Signals.CAPACITY, LoadModel.capacity(rps.value(), errors.value(), util.value()));
    }
}
