package io.lvsfeedback.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lvsfeedback.agent.config.SignalWeights;
import io.lvsfeedback.model.protocol.Signals;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadModelTest {
    private static final Tunables DEFAULTS =
            new Tunables(Duration.ofSeconds(10), new SignalWeights(1, 1, 1, 1), 0.10, 0.90, 1);

    private static Map<String, Double> signals(Object... kv) {
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void noSignalsMeansFullWeight() {
        assertThat(LoadModel.rawWeight(signals(), DEFAULTS)).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource({
        "cpu_system, 0.25, 75",
        "cpu_system, 1.0, 0",
        "gc_overhead, 0.05, 50",      // half of gc-limit 0.10
        "gc_overhead, 0.5, 0",
        "heap_after_gc, 0.5, 100",    // half full: no pressure yet
        "heap_after_gc, 0.7, 50",     // halfway from 0.5 to heap-high 0.9
        "heap_after_gc, 0.95, 0",
    })
    void theMostPressingSignalRules(String signal, double value, double weight) {
        assertThat(LoadModel.rawWeight(signals(signal, value), DEFAULTS)).isCloseTo(weight, within(1e-9));
    }

    @Test
    void processCpuStandsInWhenSystemCpuIsUnknown() {
        assertThat(LoadModel.rawWeight(signals(Signals.CPU_PROCESS, 0.4), DEFAULTS)).isCloseTo(60, within(1e-9));
    }

    @Test
    void poolCountsBusyAndQueued() {
        Map<String, Double> s = signals(Signals.POOL_BUSY, 6, Signals.POOL_MAX, 10, Signals.POOL_QUEUE, 2);
        assertThat(LoadModel.poolPressure(s)).isCloseTo(0.8, within(1e-9));
        assertThat(LoadModel.rawWeight(s, DEFAULTS)).isCloseTo(20, within(1e-9));
    }

    @Test
    void aSignalWeightOfZeroIgnoresThatSignal() {
        Tunables noCpu = DEFAULTS.withWeights(new SignalWeights(0, 1, 1, 1));
        assertThat(LoadModel.rawWeight(signals(Signals.CPU_SYSTEM, 0.9, Signals.GC_OVERHEAD, 0.02), noCpu))
                .isCloseTo(80, within(1e-9));
    }

    @Test
    void capacityIsOrcaStyleRpsOverUtilization() {
        assertThat(LoadModel.capacity(100, 0, 0.5)).isCloseTo(200, within(1e-9));
        // gRFC A58: errors add eps/qps * penalty to the utilization
        assertThat(LoadModel.capacity(100, 10, 0.4)).isCloseTo(100 / 0.5, within(1e-9));
        assertThat(LoadModel.capacity(0, 0, 0.5)).isNaN();
        assertThat(LoadModel.capacity(100, 0, 0)).isNaN();
        assertThat(LoadModel.capacity(Double.NaN, 0, 0.5)).isNaN();
    }

    @Test
    void utilizationIsMeanConcurrencyOverThePoolWhenBothAreKnown() {
        Map<String, Double> s = signals(Signals.CONCURRENCY, 0.5, Signals.POOL_BUSY, 1, Signals.POOL_MAX, 200,
                Signals.CPU_PROCESS, 0.3);
        assertThat(LoadModel.utilizationSource(s)).isEqualTo(LoadModel.UtilizationSource.CONCURRENCY);
        assertThat(LoadModel.utilization(s)).isCloseTo(0.0025, within(1e-12));
        // without the pool's size a concurrency says nothing about utilization: CPU
        assertThat(LoadModel.utilization(signals(Signals.CONCURRENCY, 0.5, Signals.CPU_PROCESS, 0.3))).isEqualTo(0.3);
        assertThat(LoadModel.utilization(signals())).isNaN();
    }

    @Test
    void utilizationPrefersTheApplicationsPool() {
        assertThat(LoadModel.utilization(signals(Signals.CPU_PROCESS, 0.3))).isEqualTo(0.3);
        assertThat(LoadModel.utilization(signals(Signals.CPU_PROCESS, 0.3, Signals.POOL_BUSY, 5, Signals.POOL_MAX, 10)))
                .isEqualTo(0.5);
    }
}
