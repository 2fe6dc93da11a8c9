package io.lvsfeedback.agent.signal;

import io.lvsfeedback.model.protocol.Signals;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Process and system CPU utilization (0..1), available processors and the 1-minute load average.
 * The CPU getters live in {@code com.sun.management}, which not every JVM has: they are looked up
 * once, reflectively, and read as NaN when missing.
 */
public final class CpuSignal implements LoadSignal {
    private final OperatingSystemMXBean os;
    private final Method processCpu;
    private final Method systemCpu;

    public CpuSignal() {
        this(ManagementFactory.getOperatingSystemMXBean());
    }

    CpuSignal(OperatingSystemMXBean os) {
        this.os = os;
        this.processCpu = find(os, "getProcessCpuLoad");
        // getCpuLoad replaced getSystemCpuLoad in JDK 14; prefer it when present.
        Method cpuLoad = find(os, "getCpuLoad");
        this.systemCpu = cpuLoad != null ? cpuLoad : find(os, "getSystemCpuLoad");
    }

    private static Method find(Object target, String name) {
        try {
            Class<?> iface = Class.forName("com.sun.management.OperatingSystemMXBean");
            return iface.isInstance(target) ? iface.getMethod(name) : null;
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return null; // not this JVM's API: the reading stays NaN
        }
    }

    @Override
    public void sample(Map<String, Double> out) {
        out.put(Signals.CPU_PROCESS, fraction(processCpu));
        out.put(Signals.CPU_SYSTEM, fraction(systemCpu));
        out.put(Signals.CPUS, (double) os.getAvailableProcessors());
        double load = os.getSystemLoadAverage();
        out.put(Signals.LOAD_AVERAGE_1M, load < 0 ? Double.NaN : load);
    }

    private double fraction(Method m) {
        if (m == null) {
            return Double.NaN;
        }
        try {
            double v = ((Number) m.invoke(os)).doubleValue();
            // Negative means "not available yet" (first call on some platforms).
            return v < 0 || v > 1 ? Double.NaN : v;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
