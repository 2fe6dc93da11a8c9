package io.lvsfeedback.bridge.http;

import io.lvsfeedback.bridge.engine.BridgeEngine;
import io.lvsfeedback.bridge.engine.ClockSource;
import io.lvsfeedback.bridge.history.HistoryRecorder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Everything the bridge shows outside JMX, attached to one engine: the Prometheus registry with
 * the bridge's and the JVM's meters, each destination's history, and the HTTP endpoint that
 * serves them ({@link #serve}).
 */
public final class BridgeMonitoring implements AutoCloseable {
    private final BridgeEngine engine;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HistoryRecorder history;
    private final JvmMetrics jvm;

    private BridgeMonitoring(BridgeEngine engine, ClockSource clock) {
        this.engine = engine;
        this.history = new HistoryRecorder(clock);
        Gauge.builder("lvsfeedback.bridge.build.info", () -> 1).description("the bridge's version (value 1)")
                .tag("version", BuildInfo.version()).tag("java_version", System.getProperty("java.version", "unknown"))
                .register(registry);
        this.jvm = new JvmMetrics(registry);
        engine.addListener(new BridgeMetrics(registry, clock));
        engine.addListener(history);
    }

    /** Registers the metrics and the history as listeners of {@code engine}. */
    public static BridgeMonitoring attach(BridgeEngine engine, ClockSource clock) {
        return new BridgeMonitoring(engine, clock);
    }

    /** Serves {@code /}, {@code /status.json} and {@code /metrics}; port 0 picks a free one. */
    public HttpEndpoint serve(String address, int port) throws Exception {
        return HttpEndpoint.start(address, port, new StatusPage(engine, history), new StatusJson(engine, history), registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public HistoryRecorder history() {
        return history;
    }

    @Override
    public void close() {
        jvm.close();
        registry.close();
    }
}
