package io.lvsfeedback.bridge.daemon;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.bridge.config.ConfigException;
import io.lvsfeedback.bridge.config.ConfigSource;
import io.lvsfeedback.bridge.engine.BridgeEngine;
import io.lvsfeedback.bridge.engine.ClockSource;
import io.lvsfeedback.bridge.engine.CycleInstant;
import io.lvsfeedback.bridge.engine.Reloader;
import io.lvsfeedback.bridge.http.BridgeMonitoring;
import io.lvsfeedback.bridge.http.HttpEndpoint;
import io.lvsfeedback.bridge.ipvs.IpvsTable;
import io.lvsfeedback.bridge.jmx.BridgeControl;
import io.lvsfeedback.bridge.jmx.BridgeCounters;
import io.lvsfeedback.bridge.jmx.JmxRegistry;
import io.lvsfeedback.bridge.poll.NioAgentPoller;
import io.lvsfeedback.model.bridge.BridgeMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bridge: the engine on its own cycle thread, JMX beans, metrics and the HTTP
 * endpoint, reload on SIGHUP. Usable in-process (tests) as well as from {@code run}.
 */
public final class BridgeDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeDaemon.class);

    private final BridgeEngine engine;
    private final Reloader reloader;
    private final IpvsTable table;
    private final NioAgentPoller poller;
    private final String name;
    private final JmxRegistry jmx;
    private final BridgeMonitoring monitoring;
    private final HttpEndpoint http;
    private final Thread loop;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final int maxCycles;
    private volatile boolean running = true;
    private volatile boolean sighup;

    private BridgeDaemon(ConfigSource source, BridgeConfig config, IpvsTable table, boolean dryRun,
                         MBeanServer mbeans, int maxCycles) throws Exception {
        this.table = table;
        this.maxCycles = maxCycles;
        this.poller = new NioAgentPoller(config.maxConcurrentPolls());
        this.engine = new BridgeEngine(table, poller, ClockSource.SYSTEM, config);
        engine.dryRunFlag(dryRun);
        this.reloader = new Reloader(source, engine);
        BridgeCounters counters = new BridgeCounters();
        engine.addListener(counters);
        this.name = BridgeName.of(config, source.file());
        this.jmx = new JmxRegistry(mbeans, ClockSource.SYSTEM, name);
        engine.addListener(jmx);
        jmx.register(BridgeMXBean.objectName(name), new BridgeControl(engine, reloader, counters));
        this.monitoring = BridgeMonitoring.attach(engine, ClockSource.SYSTEM);
        this.http = config.httpPort() == 0 ? null : monitoring.serve(config.httpAddress(), config.httpPort());
        this.loop = new Thread(this::runCycles, "bridge-cycle");
    }

    /**
     * Starts the bridge: reads the configuration, serves JMX and HTTP, cycles every poll interval.
     *
     * @param maxCycles stop after this many cycles; 0 runs until {@link #close()}
     */
    public static BridgeDaemon start(ConfigSource source, IpvsTable table, boolean dryRun, MBeanServer mbeans,
                                     int maxCycles) throws ConfigException, Exception {
        BridgeConfig config = source.load();
        BridgeDaemon d = new BridgeDaemon(source, config, table, dryRun, mbeans, maxCycles);
        d.installSighup();
        d.loop.start();
        LOG.info("bridge {} started ({}): poll every {} ms, timeout {} ms{}{}", d.name,
                BridgeMXBean.objectName(d.name), config.pollIntervalMillis(),
                config.pollTimeoutMillis(), d.engine.dryRun() ? ", DRY RUN (nothing is written)" : "",
                d.http == null ? "" : ", status page http://" + config.httpAddress() + ":" + d.http.port() + "/");
        KernelAdvice.of(KernelAdvice.PROC_DIR).forEach(a -> LOG.warn("kernel setting: {}", a));
        return d;
    }

    private void runCycles() {
        try {
            long cycles = 0;
            // The first cycle waits for the next instant like every other: started anywhere in an
            // interval (a restart), it stood for an instant already past, and with a cold JVM it
            // overran the next one, which the other directors decided for and this one skipped
            // (lab, BENCHMARKS.md section 14).
            synchronized (this) {
                TimeUnit.MILLISECONDS.timedWait(this, untilNextInstant());
            }
            while (running && (maxCycles == 0 || cycles < maxCycles)) {
                try {
                    engine.cycle();
                } catch (RuntimeException | Error e) {
                    LOG.error("cycle failed, next one in one interval", e);
                }
                cycles++;
                long wait = untilNextInstant();
                if (running && (maxCycles == 0 || cycles < maxCycles)) {
                    synchronized (this) {
                        TimeUnit.MILLISECONDS.timedWait(this, wait);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    private long untilNextInstant() {
        return CycleInstant.millisUntilNext(System.currentTimeMillis(), engine.config().pollIntervalMillis(),
                engine.config().agentSampleIntervalMillis());
    }

    /** SIGHUP reloads the configuration, where the JVM lets us handle signals. */
    private void installSighup() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> reloader.reload());
            sighup = true;
        } catch (IllegalArgumentException | LinkageError e) {
            LOG.info("SIGHUP reload unavailable ({}); use the JMX operation reload()", e.toString());
        }
    }

    /** The {@code name=} of the bridge's MXBeans and {@code bridge=} of its service and destination beans. */
    public String name() {
        return name;
    }

    /** True when SIGHUP reloads the configuration (the JVM let us take the signal). */
    public boolean reloadsOnSighup() {
        return sighup;
    }

    public BridgeEngine engine() {
        return engine;
    }

    public Reloader reloader() {
        return reloader;
    }

    /** The HTTP port, -1 when HTTP is off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** Waits until the cycle loop ends (after {@code maxCycles}, or {@link #close()}). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                LOG.warn("cycle thread did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (http != null) {
            try {
                http.close();
            } catch (Exception e) {
                LOG.warn("stopping HTTP: {}", e.toString());
            }
        }
        monitoring.close();
        jmx.close();
        poller.close();
        table.close();
        LOG.info("bridge stopped; weights stay as they are in the kernel");
    }
}
