package io.lvsfeedback.agent.signal;

import io.lvsfeedback.model.protocol.Signals;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/** Live and peak JVM thread counts. */
public final class ThreadSignal implements LoadSignal {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public void sample(Map<String, Double> out) {
        out.put(Signals.THREADS, (double) threads.getThreadCount());
        out.put(Signals.THREADS_PEAK, (double) threads.getPeakThreadCount());
    }
}
