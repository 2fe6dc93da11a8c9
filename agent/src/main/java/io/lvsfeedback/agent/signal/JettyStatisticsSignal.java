package io.lvsfeedback.agent.signal;

import io.lvsfeedback.agent.util.AgentClock;
import io.lvsfeedback.model.protocol.Signals;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Request rate, 5xx rate, in-flight requests and mean concurrency from Jetty's
 * {@code StatisticsHandler}, when the application has one and an {@code MBeanContainer}
 * ({@code org.eclipse.jetty.server.handler:type=statisticshandler,id=N}); summed over handlers.
 * Jetty 12 counts {@code requestTotal} and {@code requestTimeTotal} in nanoseconds; Jetty 9.4, 10
 * and 11 count {@code requests} and {@code requestTimeTotal} in milliseconds. The growth of the
 * total time over a sample interval divided by the interval is the mean number of requests in
 * service (Little's law).
 */
public final class JettyStatisticsSignal implements LoadSignal {
    private static final ObjectName HANDLERS = MBeanReads.pattern("*:type=statisticshandler,*");

    private final AgentClock clock;
    private final MBeanReads mbeans;
    private final CounterRates rates = new CounterRates();

    public JettyStatisticsSignal(AgentClock clock) {
        this(clock, ManagementFactory.getPlatformMBeanServer());
    }

    JettyStatisticsSignal(AgentClock clock, MBeanServer server) {
        this.clock = clock;
        this.mbeans = new MBeanReads(server);
    }

    @Override
    public void sample(Map<String, Double> out) {
        double count = Double.NaN;
        double errors = Double.NaN;
        double seconds = Double.NaN;
        double active = Double.NaN;
        for (ObjectName h : mbeans.query(HANDLERS)) {
            double c = mbeans.number(h, "requestTotal");
            double unit = 1e-9; // Jetty 12: nanoseconds
            if (Double.isNaN(c)) {
                c = mbeans.number(h, "requests");
                unit = 1e-3; // Jetty 9.4 to 11: milliseconds
            }
            double time = mbeans.number(h, "requestTimeTotal");
            if (Double.isNaN(c) || Double.isNaN(time)) {
                continue;
            }
            count = MBeanReads.plus(count, c);
            seconds = MBeanReads.plus(seconds, time * unit);
            double e = mbeans.number(h, "responses5xx");
            errors = MBeanReads.plus(errors, Double.isNaN(e) ? 0 : e);
            active = MBeanReads.plus(active, mbeans.number(h, "requestsActive"));
        }
        double[] r = rates.update(clock.nanoTime(), count, errors, seconds);
        out.put(Signals.REQUESTS_PER_SECOND, r == null ? Double.NaN : r[0]);
        out.put(Signals.ERRORS_PER_SECOND, r == null ? Double.NaN : r[1]);
        out.put(Signals.CONCURRENCY, r == null ? Double.NaN : r[2]);
        out.put(Signals.IN_FLIGHT, active);
    }
}
