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
        CpuSignal cpu = new CpuSignal(io.lvsfeedback.agent.AgentClock.SYSTEM);
        Map<String, Double> out = new HashMap<>();
        cpu.sample(out);
        assertThat(out.get(Signals.CPU_PROCESS)).isNaN(); // a utilization needs two samples
        Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            cpu.sample(out);
            // HotSpot on Linux has both
            assertThat(out.get(Signals.CPU_PROCESS)).isBetween(0.0, 1.0);
            assertThat(out.get(Signals.CPU_SYSTEM)).isBetween(0.0, 1.0);
        });
        assertThat(out.get(Signals.CPUS)).isEqualTo((double) Runtime.getRuntime().availableProcessors());
        assertThat(out.get(Signals.LOAD_AVERAGE_1M)).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void procStatLineGivesBusyAndTotal() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        long[] t = CpuSignal.parseCpuLine("cpu  100 5 50 800 20 3 2 0 7 0\ncpu0 1 2 3\n");
        assertThat(t).containsExactly(160, 980);
        assertThat(CpuSignal.parseCpuLine("intr 1 2 3")).isNull();
        assertThat(CpuSignal.parseCpuLine("cpu  x y z w")).isNull();
    }

    @Test
    void busyProcessShowsUp() {
        io.lvsfeedback.agent.testing.FakeClock clock = new io.lvsfeedback.agent.testing.FakeClock();
        CpuSignal cpu = new CpuSignal(clock);
        Map<String, Double> out = new HashMap<>();
        cpu.sample(out);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuUntil = threads.getCurrentThreadCpuTime() + 300_000_000L;
        long wallLimit = System.nanoTime() + 60_000_000_000L; // bounded even on a starved machine
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < cpuUntil && System.nanoTime() < wallLimit) {
            x += System.nanoTime() % 7; // burn 300 ms of CPU on this thread
        }
        // pretend only 100 ms of wall time passed: 300 ms of CPU in 100 ms on any CPU count <= 2 saturates
        clock.advance(java.time.Duration.ofMillis(100));
        cpu.sample(out);
        assertThat(x).isNotNegative();
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() <= 2);
        assertThat(out.get(Signals.CPU_PROCESS)).isEqualTo(1.0);
    }

    @Test
    void threadsAreCounted() {
        Map<String, Double> out = new HashMap<>();
        new ThreadSignal().sample(out);
        assertThat(out.get(Signals.THREADS)).isPositive();
        assertThat(out.get(Signals.THREADS_PEAK)).isGreaterThanOrEqualTo(out.get(Signals.THREADS));
    }
}
