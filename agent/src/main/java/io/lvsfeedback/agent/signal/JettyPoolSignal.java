package io.lvsfeedback.agent.signal;

import io.lvsfeedback.model.protocol.Signals;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Threads running requests, threads available to requests and queued jobs of the application's
 * Jetty thread pool(s), read from the MBeans Jetty registers when the application adds an
 * {@code MBeanContainer}; summed over pools. NaN when there is none.
 *
 * <p>Jetty's {@code busyThreads} also counts the threads <em>leased</em> to selectors and acceptors,
 * which are busy forever whatever the traffic: a utilization built on it is {@code (leased + k*rps) / max},
 * so rps / utilization grows with the traffic and a server given less traffic reports less capacity.
 * The pool's attributes, best first (each pool on its own):
 * <ol>
 *   <li>{@code utilizedThreads} (threads running transient jobs, leased and reserved ones excluded)
 *       and {@code maxAvailableThreads} (max minus leased): Jetty 12, 11, 10 and late 9.4 (9.4.57 has
 *       them);
 *   <li>{@code busyThreads - leasedThreads} and {@code maxThreads - leasedThreads}: the 9.4 releases
 *       that count leased threads but do not subtract them;
 *   <li>{@code busyThreads} and {@code maxThreads}: early 9.4 and older, the best there is.
 * </ol>
 */
public final class JettyPoolSignal implements LoadSignal {
    public static final String SOURCE = "jetty";
    static final String QUERY = "org.eclipse.jetty.util.thread:type=queuedthreadpool,*";
    private static final ObjectName POOLS = MBeanReads.pattern(QUERY);
    private final MBeanReads mbeans;

    public JettyPoolSignal() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    JettyPoolSignal(MBeanServer server) {
        this.mbeans = new MBeanReads(server);
    }

    @Override
    public void sample(Map<String, Double> out) {
        double busy = Double.NaN;
        double max = Double.NaN;
        double queue = Double.NaN;
        for (ObjectName pool : mbeans.query(POOLS)) {
            double utilized = mbeans.number(pool, "utilizedThreads");
            double available = mbeans.number(pool, "maxAvailableThreads");
            if (Double.isNaN(utilized) || Double.isNaN(available)) {
                double leased = mbeans.number(pool, "leasedThreads");
                if (Double.isNaN(leased)) {
                    leased = 0;
                }
                utilized = mbeans.number(pool, "busyThreads") - leased;
                available = mbeans.number(pool, "maxThreads") - leased;
            }
            busy = MBeanReads.plus(busy, utilized);
            max = MBeanReads.plus(max, available);
            queue = MBeanReads.plus(queue, mbeans.number(pool, "queueSize"));
        }
        out.put(Signals.POOL_BUSY, busy);
        out.put(Signals.POOL_MAX, max);
        out.put(Signals.POOL_QUEUE, queue);
    }
}
