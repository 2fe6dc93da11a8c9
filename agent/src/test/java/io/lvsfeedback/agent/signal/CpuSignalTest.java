package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lvsfeedback.agent.testing.FakeClock;
import io.lvsfeedback.model.protocol.Signals;
import java.lang.management.OperatingSystemMXBean;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuSignalTest {
    @Test
    void readsUtilizationsAsFractionsAndTheLoadAverage() {
        CpuSignal cpu = new CpuSignal(io.lvsfeedback.agent.util.AgentClock.SYSTEM);
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
    void processAndSystemUtilizationAreTheShareOfTheTimeBetweenTwoSamples(@TempDir Path dir) throws Exception {
        // Was a real CPU burn whose only unconditional assertion could not fail; now exact numbers.
        AtomicLong processCpuNanos = new AtomicLong(5_000_000_000L);
        OperatingSystemMXBean os = scriptedOs(processCpuNanos, 2);
        Path procStat = dir.resolve("stat");
        Files.writeString(procStat, "cpu  100 0 100 800 0 0 0 0 0 0\n");
        FakeClock clock = new FakeClock();
        CpuSignal cpu = new CpuSignal(clock, os, procStat, () -> new CgroupCpu.Limit(Double.NaN, -1, "no quota"));
        Map<String, Double> out = new HashMap<>();
        cpu.sample(out);
        processCpuNanos.addAndGet(100_000_000L); // 100 ms of CPU ...
        clock.advance(Duration.ofMillis(200)); // ... in 200 ms on 2 CPUs: a quarter
        Files.writeString(procStat, "cpu  130 0 130 840 0 0 0 0 0 0\n"); // 60 busy of 100 jiffies
        cpu.sample(out);
        assertThat(out.get(Signals.CPU_PROCESS)).isCloseTo(0.25, within(1e-9));
        assertThat(out.get(Signals.CPU_SYSTEM)).isCloseTo(0.6, within(1e-9));
        assertThat(out.get(Signals.CPUS)).isEqualTo(2.0);
        assertThat(out.get(Signals.LOAD_AVERAGE_1M)).isNaN(); // the scripted OS has none (-1)

        processCpuNanos.addAndGet(1_000_000_000L); // more CPU than wall time: clamped to 1
        clock.advance(Duration.ofMillis(100));
        cpu.sample(out);
        assertThat(out.get(Signals.CPU_PROCESS)).isEqualTo(1.0);
    }

    @Test
    void theCpuLimitIsTheCgroupQuotaAtMostTheProcessorsAndFollowsItWhenItChanges(@TempDir Path dir) throws Exception {
        Path procStat = dir.resolve("stat");
        Files.writeString(procStat, "cpu  100 0 100 800 0 0 0 0 0 0\n");
        AtomicReference<CgroupCpu.Limit> limit = new AtomicReference<>(new CgroupCpu.Limit(Double.NaN, -1, "none"));
        CpuSignal cpu = new CpuSignal(new FakeClock(), scriptedOs(new AtomicLong(), 2), procStat, limit::get);
        Map<String, Double> out = new HashMap<>();
        cpu.sample(out);
        assertThat(out.get(Signals.CPU_LIMIT)).as("no quota: the processors").isEqualTo(2.0);
        assertThat(out.get(CpuSignal.THROTTLED_SECONDS_TOTAL)).isNaN();
        limit.set(new CgroupCpu.Limit(0.05, 1_500_000_000L, "cgroup v2 /x: cpu.max 5000 100000")); // moved into one
        cpu.sample(out);
        assertThat(out.get(Signals.CPU_LIMIT)).isEqualTo(0.05);
        assertThat(out.get(CpuSignal.THROTTLED_SECONDS_TOTAL)).isEqualTo(1.5);
        limit.set(new CgroupCpu.Limit(6, 0, "cgroup v2 /x: cpu.max 600000 100000"));
        cpu.sample(out);
        assertThat(out.get(Signals.CPU_LIMIT)).as("a quota above the processors gives no more").isEqualTo(2.0);
    }

    /** A com.sun.management OS bean that reports the given process CPU time and CPU count. */
    private static OperatingSystemMXBean scriptedOs(AtomicLong processCpuNanos, int cpus) {
        return (OperatingSystemMXBean) Proxy.newProxyInstance(CpuSignalTest.class.getClassLoader(),
                new Class<?>[] {com.sun.management.OperatingSystemMXBean.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getProcessCpuTime": return processCpuNanos.get();
                        case "getAvailableProcessors": return cpus;
                        case "getSystemLoadAverage": return -1.0;
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Test
    void threadsAreCounted() {
        Map<String, Double> out = new HashMap<>();
        new ThreadSignal().sample(out);
        assertThat(out.get(Signals.THREADS)).isPositive();
        assertThat(out.get(Signals.THREADS_PEAK)).isGreaterThanOrEqualTo(out.get(Signals.THREADS));
    }
}
