package io.lvsfeedback.samples.app;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.jetty.jmx.MBeanContainer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample real server: Jetty 12 with {@code /}, {@code /work} and {@code /admin/cost}, request
 * metrics in the given Micrometer registry, and its thread pool plus {@link WorkCostMXBean} in the
 * given MBeanServer (where the agent and jmxterm find them).
 */
public final class SampleApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SampleApp.class);

    private final Server server;
    private final ServerConnector connector;
    private final WorkCostSetting cost;
    private final MBeanServer mbeans;
    private final ObjectName costName;
    private boolean costRegistered;

    private SampleApp(SampleAppConfig config, MeterRegistry registry, MBeanServer mbeans) throws JMException {
        this.mbeans = mbeans;
        this.cost = new WorkCostSetting(WorkCost.NONE);
        this.costName = new ObjectName(WorkCostMXBean.OBJECT_NAME);

        QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads());
        threads.setName("sample-http");
        // No reserved threads: each one would sit parked for Jetty's selector instead of running a
        // request (measured: max-threads 4/6/10 ran 1/2.5/6.6 requests at once instead of the 2/4/8 the
        // agent reports as pool_max). With none, a server's capacity is its pool_max / service time.
        threads.setReservedThreads(0);
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        server.addBean(new MBeanContainer(mbeans));

        EndpointRouter router = new EndpointRouter(Map.of(
                "/", new IdentityEndpoint(config.name()),
                "/work", new WorkEndpoint(config.name(), cost, new WorkSimulator()),
                "/admin/cost", new CostAdminEndpoint(cost)));
        server.setHandler(new RequestMetricsHandler(router, registry, router.paths()));
    }

    /** Builds and starts the server; on failure nothing is left running. */
    public static SampleApp start(SampleAppConfig config, MeterRegistry registry, MBeanServer mbeans)
            throws Exception {
        SampleApp app = new SampleApp(config, registry, mbeans);
        try {
            app.server.start();
            app.registerCostBean();
        } catch (Exception e) {
            app.close();
            throw e;
        }
        LOG.info("sample app '{}' listening on {}:{}", config.name(), config.host(), app.port());
        return app;
    }

    public static SampleApp start(SampleAppConfig config, MeterRegistry registry) throws Exception {
        return start(config, registry, ManagementFactory.getPlatformMBeanServer());
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public WorkCostSetting cost() {
        return cost;
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        if (costRegistered) {
            try {
                mbeans.unregisterMBean(costName);
            } catch (JMException e) {
                LOG.warn("could not unregister {}: {}", costName, e.toString());
            }
            costRegistered = false;
        }
        try {
            server.stop();
            server.destroy(); // also unregisters Jetty's MBeans
        } catch (Exception e) {
            LOG.warn("error stopping the sample app: {}", e.toString());
        }
    }

    /** Defensive: a second app in the same JVM (tests) keeps running without its own bean. */
    private void registerCostBean() {
        try {
            if (mbeans.isRegistered(costName)) {
                LOG.warn("{} is already registered; this app's cost is not visible over JMX", costName);
                return;
            }
            mbeans.registerMBean(cost, costName);
            costRegistered = true;
        } catch (JMException e) {
            LOG.warn("could not register {}: {}", costName, e.toString());
        }
    }
}
