package io.lvsfeedback.agent.signal;

import io.lvsfeedback.agent.util.AgentClock;
import io.lvsfeedback.agent.util.AgentLog;
import io.lvsfeedback.model.protocol.Signals;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Request rate, error rate, mean concurrency and thread pool of Apache Tomcat (standalone, embedded,
 * Spring Boot), from the MBeans Tomcat registers: summed over its connectors.
 *
 * <ul>
 *   <li>{@code <engine>:type=GlobalRequestProcessor,name=...} (domain {@code Catalina} standalone,
 *       {@code Tomcat} embedded): {@code requestCount}, {@code errorCount} (responses with status
 *       400 or more, as Tomcat counts them) and {@code processingTime}, the milliseconds spent in
 *       requests that ended. Its growth over a sample interval divided by the interval is the mean
 *       number of requests in service (Little's law), as {@link MicrometerSignal} takes it from a timer.
 *   <li>{@code <engine>:type=ThreadPool,name=...}: {@code currentThreadsBusy} and {@code maxThreads}
 *       of a connector's own executor; a connector on a shared {@code <Executor>} reports no
 *       maximum there, and the executor's MBean ({@code type=Executor}: {@code activeCount},
 *       {@code maxThreads}, {@code queueSize}) is read instead.
 * </ul>
 * The domain is matched by pattern: an engine renamed in server.xml renames it. Spring Boot registers
 * none of these unless {@code server.tomcat.mbeanregistry.enabled=true}, which the agent sets before
 * the application starts (see {@link ServerStatistics}).
 */
public final class TomcatSignal implements LoadSignal {
    private static final AgentLog LOG = AgentLog.of(TomcatSignal.class);
    public static final String SOURCE = "tomcat";
    /** How often, while Tomcat's MBeans are missing, the agent looks for Tomcat's threads (to say what to set). */
    private static final long LOOK_EVERY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    /** Tomcat names its connector threads after the protocol handler: http-nio-8080-exec-1, https-jsse-nio-..., ajp-nio-... */
    private static final java.util.regex.Pattern CONNECTOR_THREAD =
            java.util.regex.Pattern.compile("(http|https|ajp)-[a-z0-9-]*nio2?-.*");
    private static final ObjectName PROCESSORS = MBeanReads.pattern("*:type=GlobalRequestProcessor,*");
    private static final ObjectName POOLS = MBeanReads.pattern("*:type=ThreadPool,*");
    private static final ObjectName EXECUTORS = MBeanReads.pattern("*:type=Executor,*");

    private final AgentClock clock;
    private final MBeanReads mbeans;
    private final CounterRates rates = new CounterRates();
    /** Looks left: a server without Tomcat stops being searched for it after five minutes. */
    private int looksLeft = 60;
    private long nextLook = Long.MIN_VALUE;
    private boolean looking = true;

    public TomcatSignal(AgentClock clock) {
        this(clock, ManagementFactory.getPlatformMBeanServer());
    }

    TomcatSignal(AgentClock clock, MBeanServer server) {
        this.clock = clock;
        this.mbeans = new MBeanReads(server);
    }

    @Override
    public void sample(Map<String, Double> out) {
        requests(out);
        pool(out);
        if (!looking) {
            return;
        }
        if (!Double.isNaN(out.get(Signals.POOL_MAX))) {
            looking = false; // Tomcat's MBeans are there (Tomcat registers them before it starts its threads)
            return;
        }
        long now = clock.nanoTime();
        if (nextLook == Long.MIN_VALUE || now - nextLook >= 0) {
            nextLook = now + LOOK_EVERY_NANOS;
            looking = --looksLeft > 0;
            if (tomcatThreadsRun()) {
                looking = false;
                LOG.warn("Tomcat is running but has registered no MBeans, so its pool and requests are not measured:"
                        + " Spring Boot disables them unless server.tomcat.mbeanregistry.enabled=true (as a system"
                        + " property -D..., in application.properties, or left to the agent with server-stats=on)");
            }
        }
    }

    private static boolean tomcatThreadsRun() {
        return LiveThreads.all().stream().anyMatch(t -> CONNECTOR_THREAD.matcher(t.getName()).matches());
    }

    private void requests(Map<String, Double> out) {
        double count = Double.NaN;
        double errors = Double.NaN;
        double millis = Double.NaN;
        for (ObjectName p : mbeans.query(PROCESSORS)) {
            double c = mbeans.number(p, "requestCount");
            double ms = mbeans.number(p, "processingTime");
            if (Double.isNaN(c) || Double.isNaN(ms)) {
                continue; // not Tomcat's
            }
            count = MBeanReads.plus(count, c);
            millis = MBeanReads.plus(millis, ms);
            double e = mbeans.number(p, "errorCount");
            errors = MBeanReads.plus(errors, Double.isNaN(e) ? 0 : e);
        }
        double[] r = rates.update(clock.nanoTime(), count, errors, millis);
        out.put(Signals.REQUESTS_PER_SECOND, r == null ? Double.NaN : r[0]);
        out.put(Signals.ERRORS_PER_SECOND, r == null ? Double.NaN : r[1]);
        out.put(Signals.CONCURRENCY, r == null ? Double.NaN : r[2] / 1000);
    }

    private void pool(Map<String, Double> out) {
        double busy = Double.NaN;
        double max = Double.NaN;
        double queue = Double.NaN;
        boolean sharedExecutor = false;
        for (ObjectName p : mbeans.query(POOLS)) {
            if (p.getKeyProperty("subType") != null) {
                continue; // SocketProperties and the like
            }
            double threads = mbeans.number(p, "maxThreads");
            double running = mbeans.number(p, "currentThreadsBusy");
            if (Double.isNaN(running)) {
                continue; // not Tomcat's
            }
            if (!(threads > 0)) {
                sharedExecutor = true;
                continue;
            }
            busy = MBeanReads.plus(busy, running);
            max = MBeanReads.plus(max, threads);
        }
        if (sharedExecutor || Double.isNaN(max)) {
            for (ObjectName e : mbeans.query(EXECUTORS)) {
                double threads = mbeans.number(e, "maxThreads");
                double active = mbeans.number(e, "activeCount");
                if (threads > 0 && !Double.isNaN(active)) {
                    busy = MBeanReads.plus(busy, active);
                    max = MBeanReads.plus(max, threads);
                    queue = MBeanReads.plus(queue, mbeans.number(e, "queueSize"));
                }
            }
        }
        out.put(Signals.POOL_BUSY, busy);
        out.put(Signals.POOL_MAX, max);
        out.put(Signals.POOL_QUEUE, queue);
    }
}
