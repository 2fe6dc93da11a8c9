package io.lvsfeedback.samples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkCostTest {

    @ParameterizedTest
    @CsvSource({
        "-1, 0, 0, cpu-ms",
        "10001, 0, 0, cpu-ms",
        "0, -5, 0, latency-ms",
        "0, 60001, 0, latency-ms",
        "0, 0, -0.1, error-rate",
        "0, 0, 1.5, error-rate",
        "0, 0, NaN, error-rate",
    })
    void outOfRangeValueIsRefusedByName(long cpu, long latency, double errorRate, String named) {
        assertThatThrownBy(() -> new WorkCost(cpu, latency, errorRate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(named);
    }

    @ParameterizedTest
    @CsvSource({"-1", "1025"})
    void allocOutOfRangeIsRefusedByName(int megabytes) {
        assertThatThrownBy(() -> new WorkCost(0, 0, 0.0, megabytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("alloc-mb");
    }

    @Test
    void parametersChangeOnlyWhatTheyName() {
        WorkCost current = new WorkCost(1, 2, 0.5);
        assertThat(WorkCostParameters.apply(current, Map.of("latency-ms", "40"))).isEqualTo(new WorkCost(1, 40, 0.5));
        assertThat(WorkCostParameters.apply(current, Map.of())).isEqualTo(current);
    }

    @Test
    void allocIsParsedShownOnlyWhenSetAndAllocatedPerRequest() throws Exception {
        WorkCost gc = WorkCostParameters.apply(WorkCost.NONE, Map.of("alloc-mb", "3"));
        assertThat(gc).isEqualTo(new WorkCost(0, 0, 0.0, 3));
        assertThat(gc.describe()).isEqualTo("cpu-ms=0 latency-ms=0 error-rate=0.0 alloc-mb=3");
        assertThat(WorkCost.NONE.describe()).isEqualTo("cpu-ms=0 latency-ms=0 error-rate=0.0");
        assertThatThrownBy(() -> WorkCostParameters.apply(gc, Map.of("alloc-mb", "1.5"))).hasMessageContaining("alloc-mb");
        byte[][] held = WorkSimulator.allocate(3);
        assertThat(held.length).isEqualTo(48);
        assertThat(java.util.Arrays.stream(held).mapToInt(c -> c.length).distinct().toArray()).containsExactly(64 * 1024);
        assertThat(new WorkSimulator(() -> 0.9).perform(gc)).as("allocating does not fail the request").isFalse();
    }

    @Test
    void oneBadParameterLosesTheWholeChange() {
        WorkCostSetting setting = new WorkCostSetting(new WorkCost(1, 2, 0.0));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("cpu-ms", "9");
        parameters.put("error-rate", "lots");
        assertThatThrownBy(() -> setting.update(cost -> WorkCostParameters.apply(cost, parameters)))
                .hasMessageContaining("error-rate").hasMessageContaining("'lots'");
        assertThat(setting.get()).isEqualTo(new WorkCost(1, 2, 0.0));
    }

    @Test
    void mxBeanSetterRefusesBadValueAndKeepsTheOld() {
        WorkCostSetting setting = new WorkCostSetting(WorkCost.NONE);
        setting.setCpuMillis(5);
        assertThatThrownBy(() -> setting.setCpuMillis(-3)).hasMessageContaining("cpu-ms");
        assertThat(setting.getCpuMillis()).isEqualTo(5);
    }

    @Test
    void simulatorFailsWhenTheRandomDrawIsBelowTheErrorRate() throws Exception {
        WorkCost quarter = new WorkCost(0, 0, 0.25);
        assertThat(new WorkSimulator(() -> 0.24).perform(quarter)).isTrue();
        assertThat(new WorkSimulator(() -> 0.25).perform(quarter)).isFalse();
        assertThat(new WorkSimulator(() -> 0.0).perform(WorkCost.NONE)).as("rate 0 never fails").isFalse();
    }

    @Test
    void cpuBurnSpendsThreadCpuTime() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadCpuTime();
        WorkSimulator.burnCpu(20);
        long spent = threads.getCurrentThreadCpuTime() - before;
        // Not a timing assertion: CPU time is what the loop counts, so it must at least reach the budget
        // unless the wall-time bound stopped it, which needs a machine ten times oversubscribed.
        assertThat(spent).isGreaterThan(0);
    }
}
