package io.lvsfeedback.agent.signal;

import io.lvsfeedback.agent.util.AgentClock;
import io.lvsfeedback.agent.util.AgentLog;
import io.lvsfeedback.model.protocol.Signals;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Process and system CPU utilization (0..1) between two samples, available processors, the CPUs
 * the process may use ({@code cpu_limit}: its cgroup's CPU quota, read on every sample because a
 * process can be moved into a limited cgroup while it runs) and the 1-minute load average. Process CPU comes from the process CPU time ({@code com.sun.management},
 * looked up once, reflectively); system CPU from the first line of Linux's {@code /proc/stat}
 * (through {@link BoundedFile}: a regular file only, its first 256 bytes).
 * Both are computed from deltas here because the JDK's own {@code getCpuLoad} reads several cgroup
 * files per call (about 200 KB of garbage each time on this kind of machine). NaN when unknown.
 */
public final class CpuSignal implements LoadSignal {
    /**
     * Internal, not reported: seconds the process's cgroup has been throttled (its CPU quota used
     * up) since it was created; the capacity estimator takes "throttled in this interval" from it.
     */
    public static final String THROTTLED_SECONDS_TOTAL = "cpu_throttled_s_total";
    private static final AgentLog LOG = AgentLog.of(CpuSignal.class);
    private final OperatingSystemMXBean os;
    private final Supplier<CgroupCpu.Limit> cgroup;
    private double quotaBefore = Double.NaN;
    private final Method processCpuTime;
    private final Path procStat;
    private final BoundedFile procStatHead = new BoundedFile(256);
    private final AgentClock clock;
    private long lastNanos = -1;
    private long lastProcessCpu = -1;
    private long lastBusy = -1;
    private long lastTotal = -1;

    public CpuSignal(AgentClock clock) {
        this(clock, ManagementFactory.getOperatingSystemMXBean(), Paths.get("/proc/stat"), new CgroupCpu()::read);
    }

    CpuSignal(AgentClock clock, OperatingSystemMXBean os, Path procStat, Supplier<CgroupCpu.Limit> cgroup) {
        this.clock = clock;
        this.cgroup = cgroup;
        this.os = os;
        this.procStat = procStat;
        this.processCpuTime = find(os, "getProcessCpuTime");
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
    public synchronized void sample(Map<String, Double> out) {
        int cpus = os.getAvailableProcessors();
        long now = clock.nanoTime();
        long processCpu = processCpuNanos();
        long[] system = systemTicks();
        double process = Double.NaN;
        if (lastNanos >= 0 && processCpu >= 0 && lastProcessCpu >= 0 && now > lastNanos) {
            process = clamp01((double) (processCpu - lastProcessCpu) / ((now - lastNanos) * (double) cpus));
        }
        double sys = Double.NaN;
        if (system != null && lastTotal >= 0 && system[1] > lastTotal) {
            sys = clamp01((double) (system[0] - lastBusy) / (system[1] - lastTotal));
        }
        lastNanos = now;
        lastProcessCpu = processCpu;
        if (system != null) {
            lastBusy = system[0];
            lastTotal = system[1];
        }
        out.put(Signals.CPU_PROCESS, process);
        out.put(Signals.CPU_SYSTEM, sys);
        out.put(Signals.CPUS, (double) cpus);
        CgroupCpu.Limit limit = cgroup.get();
        logQuotaChange(limit);
        out.put(Signals.CPU_LIMIT, limit.cpus() > 0 ? Math.min(cpus, limit.cpus()) : cpus);
        out.put(THROTTLED_SECONDS_TOTAL, limit.throttledNanos() >= 0 ? limit.throttledNanos() / 1e9 : Double.NaN);
        double load = os.getSystemLoadAverage();
        out.put(Signals.LOAD_AVERAGE_1M, load < 0 ? Double.NaN : load);
    }

    /** Said when the quota appears, changes or goes: it is why a capacity can drop at once. */
    private void logQuotaChange(CgroupCpu.Limit limit) {
        double quota = limit.cpus();
        boolean same = Double.isNaN(quota) ? Double.isNaN(quotaBefore) : quota == quotaBefore;
        if (!same) {
            LOG.info("cpu: " + (Double.isNaN(quota) ? "no CPU quota now" : "CPU quota now " + quota + " CPUs")
                    + " (" + limit.where() + ")");
            quotaBefore = quota;
        }
    }

    private long processCpuNanos() {
        if (processCpuTime == null) {
            return -1;
        }
        try {
            return ((Number) processCpuTime.invoke(os)).longValue();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /** {busy, total} jiffies of all CPUs from "cpu user nice system idle iowait irq softirq steal ...". */
    private long[] systemTicks() {
        BoundedFile.Content head = procStatHead.read(procStat); // the first line is all it needs
        return head.text == null ? null : parseCpuLine(head.text);
    }

    static long[] parseCpuLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        if (!line.startsWith("cpu ")) {
            return null;
        }
        String[] f = line.substring(4).trim().split(" +");
        if (f.length < 4) {
            return null;
        }
        long total = 0;
        long idle = 0;
        try {
            // guest and guest_nice (fields 9, 10) are already counted in user and nice
            for (int i = 0; i < Math.min(f.length, 8); i++) {
                long v = Long.parseLong(f[i]);
                if (v < 0) {
                    return null;
                }
                total = Math.addExact(total, v);
                if (i == 3 || i == 4) {
                    idle += v; // idle, iowait
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            return null; // not a line the kernel writes
        }
        return new long[] {total - idle, total};
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
