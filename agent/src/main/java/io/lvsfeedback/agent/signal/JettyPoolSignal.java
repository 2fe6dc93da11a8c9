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
 * Busy threads, max threads and queued jobs of the application's Jetty thread pool(s), read from
 * the MBeans Jetty registers when the application adds an {@code MBeanContainer}; summed over
 * pools. NaN when there is none.
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
            busy = plus(busy, read(pool, "busyThreads"));
            max = plus(max, read(pool, "maxThreads"));
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
