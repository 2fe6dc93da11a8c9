package io.lvsfeedback.agent.signal;

import io.lvsfeedback.model.protocol.Signals;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Threads running requests, threads available to requests and queued jobs of the application's
 * Jetty thread pool(s), read from the MBeans Jetty registers when the application adds an
 * {@code MBeanContainer}; summed over pools. NaN when there is none.
 *
 * <p>Jetty's {@code busyThreads} also counts the threads <em>leased</em> to selectors and acceptors,
 * which are busy forever whatever the traffic: a utilization built on it is {@code (leased + k*rps) / max},
 * so rps / utilization grows with the traffic and a server given less traffic reports less capacity.
 * Jetty 12's pools publish {@code utilizedThreads} (threads running transient jobs, leased and
 * reserved ones excluded) and {@code maxAvailableThreads} (max minus leased): those are used when a
 * pool has them, and {@code busyThreads}/{@code maxThreads} only for older Jetty.
 */
public final class JettyPoolSignal implements LoadSignal {
    static final String QUERY = "org.eclipse.jetty.util.thread:type=queuedthreadpool,*";
    private final MBeanServer server;
    private final ObjectName query;

    public JettyPoolSignal() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    JettyPoolSignal(MBeanServer server) {
        this.server = server;
        try {
            this.query = new ObjectName(QUERY);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void sample(Map<String, Double> out) {
        double busy = Double.NaN;
        double max = Double.NaN;
        double queue = Double.NaN;
        Set<ObjectName> pools = server.queryNames(query, null);
        for (ObjectName pool : pools) {
            double utilized = read(pool, "utilizedThreads");
            double available = read(pool, "maxAvailableThreads");
            if (Double.isNaN(utilized) || Double.isNaN(available)) {
                // An older Jetty without leased-thread accounting: the best there is.
                utilized = read(pool, "busyThreads");
                available = read(pool, "maxThreads");
            }
            busy = plus(busy, utilized);
            max = plus(max, available);
            queue = plus(queue, read(pool, "queueSize"));
        }
        out.put(Signals.POOL_BUSY, busy);
        out.put(Signals.POOL_MAX, max);
        out.put(Signals.POOL_QUEUE, queue);
    }

    /** Jetty's MBeanContainer names attributes {@code busyThreads}; a standard MBean would say {@code BusyThreads}. */
    private double read(ObjectName name, String attribute) {
        for (String a : new String[] {attribute, Character.toUpperCase(attribute.charAt(0)) + attribute.substring(1)}) {
            try {
                Object v = server.getAttribute(name, a);
                if (v instanceof Number) {
                    return ((Number) v).doubleValue();
                }
            } catch (JMException | RuntimeException e) {
                // the pool went away or has no such attribute
            }
        }
        return Double.NaN;
    }

    private static double plus(double sum, double v) {
        if (Double.isNaN(v)) {
            return sum;
        }
        return Double.isNaN(sum) ? v : sum + v;
    }
}
