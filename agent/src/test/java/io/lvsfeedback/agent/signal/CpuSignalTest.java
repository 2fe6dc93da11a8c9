package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.Signals;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class CpuSignalTest {
    @Test
    void readsUtilizationsAsFractionsAndTheLoadAverage() {
        CpuSignal cpu = new CpuSignal();
        Map<String, Double> out = new HashMap<>();
        Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            cpu.sample(out);
            // HotSpot on Linux has every one of these; they may be NaN on the very first call
            assertThat(out.get(Signals.CPU_PROCESS)).isBetween(0.0, 1.0);
            assertThat(out.get(Signals.CPU_SYSTEM)).isBetween(0.0, 1.0);
        });
        assertThat(out.get(Signals.CPUS)).isEqualTo((double) Runtime.getRuntime().availableProcessors());
        assertThat(out.get(Signals.LOAD_AVERAGE_1M)).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void threadsAreCounted() {
        Map<String, Double> out = new HashMap<>();
        new ThreadSignal().sample(out);
        assertThat(out.get(Signals.THREADS)).isPositive();
        assertThat(out.get(Signals.THREADS_PEAK)).isGreaterThanOrEqualTo(out.get(Signals.THREADS));
    }
}
