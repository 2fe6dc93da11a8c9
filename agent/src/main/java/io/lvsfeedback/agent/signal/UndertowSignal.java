package io.lvsfeedback.agent.signal;

import io.lvsfeedback.agent.util.AgentClock;
import io.lvsfeedback.agent.util.AgentLog;
import io.lvsfeedback.model.protocol.Signals;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Undertow's worker pool (the XNIO worker that runs blocking handlers and servlets), from the MBeans
 * XNIO registers: {@code org.xnio:type=Xnio,provider=...,worker=...} with
 * {@code BusyWorkerThreadCount}, {@code MaxWorkerPoolSize} and {@code WorkerQueueSize}, summed over
 * workers. Undertow publishes no request statistics of its own outside WildFly; the rate of
 * completed worker tasks ({@code CompletedTaskCount} of the worker's jboss-threads executor,
 * {@code jboss.threads:type=thread-pool,name=<worker>}) stands for the request rate: a request
 * dispatched to the worker is one task. Requests served on the I/O threads only are not counted.
 *
 * <p>XNIO 3.8's executor (jboss-threads' {@code EnhancedQueueExecutor}) counts busy threads and
 * completed tasks only with {@code jboss.threads.eqe.statistics.active-count} and
 * {@code jboss.threads.eqe.statistics}; the agent sets both before the application starts
 * ({@link ServerStatistics}). Without them the busy count reads -1, and is taken as unknown.
 */
public final class UndertowSignal implements LoadSignal {
    private static final AgentLog LOG = AgentLog.of(UndertowSignal.class);
    public static final String SOURCE = "undertow";
    private static final ObjectName WORKERS = MBeanReads.pattern("org.xnio:type=Xnio,*");
    private static final ObjectName EXECUTORS = MBeanReads.pattern("jboss.threads:type=thread-pool,*");

    private final AgentClock clock;
    private final MBeanReads mbeans;
    private final CounterRates rates = new CounterRates();
    private boolean hinted;

    public UndertowSignal(AgentClock clock) {
        this(clock, ManagementFactory.getPlatformMBeanServer());
    }

    UndertowSignal(AgentClock clock, MBeanServer server) {
        this.clock = clock;
        this.mbeans = new MBeanReads(server);
    }

    @Override
    public void sample(Map<String, Double> out) {
        double busy = Double.NaN;
        double max = Double.NaN;
        double queue = Double.NaN;
        Set<String> workers = new HashSet<>();
        for (ObjectName w : mbeans.query(WORKERS)) {
            if (w.getKeyProperty("worker") == null || w.getKeyProperty("address") != null) {
                continue; // the provider itself, or a server channel of a worker
            }
            double running = mbeans.number(w, "BusyWorkerThreadCount");
            double threads = mbeans.number(w, "MaxWorkerPoolSize");
            if (running < 0 && !hinted) {
                hinted = true;
                LOG.warn("XNIO worker " + w.getKeyProperty("worker") + " does not count its busy threads, so its pool"
                        + " is not measured: start the JVM with -Djboss.threads.eqe.statistics.active-count=true"
                        + " -Djboss.threads.eqe.statistics=true (the agent sets them unless server-stats=off)");
            }
            if (!(running >= 0) || !(threads > 0)) {
                continue; // unknown (statistics off) or not a worker
            }
            workers.add(ObjectName.unquote(quoted(w.getKeyProperty("worker"))));
            busy = MBeanReads.plus(busy, running);
            max = MBeanReads.plus(max, threads);
            double q = mbeans.number(w, "WorkerQueueSize");
            queue = MBeanReads.plus(queue, q >= 0 ? q : Double.NaN);
        }
        out.put(Signals.POOL_BUSY, busy);
        out.put(Signals.POOL_MAX, max);
        out.put(Signals.POOL_QUEUE, queue);

        double completed = Double.NaN;
        for (ObjectName e : mbeans.query(EXECUTORS)) {
            String name = e.getKeyProperty("name");
            if (name == null || !workers.contains(ObjectName.unquote(quoted(name)))) {
                continue;
            }
            double c = mbeans.number(e, "CompletedTaskCount");
            completed = MBeanReads.plus(completed, c >= 0 ? c : Double.NaN);
        }
        double[] r = rates.update(clock.nanoTime(), completed);
        out.put(Signals.REQUESTS_PER_SECOND, r == null ? Double.NaN : r[0]);
    }

    /** Key values may or may not be quoted; {@link ObjectName#unquote} wants them quoted. */
    private static String quoted(String value) {
        return value.startsWith("\"") ? value : ObjectName.quote(value);
    }
}
