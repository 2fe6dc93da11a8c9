package io.lvsfeedback.agent.lifecycle;

import io.lvsfeedback.agent.AgentClock;
import io.lvsfeedback.agent.AgentLog;
import io.lvsfeedback.agent.config.AgentConfig;
import io.lvsfeedback.agent.jmx.AgentMBean;
import io.lvsfeedback.agent.jmx.MBeanRegistration;
import io.lvsfeedback.agent.report.AdminControl;
import io.lvsfeedback.agent.report.Reporter;
import io.lvsfeedback.agent.report.Tunables;
import io.lvsfeedback.agent.server.FeedbackServer;
import io.lvsfeedback.agent.signal.CpuSignal;
import io.lvsfeedback.agent.signal.GcOverheadSignal;
import io.lvsfeedback.agent.signal.HeapAfterGcSignal;
import io.lvsfeedback.agent.signal.JettyPoolSignal;
import io.lvsfeedback.agent.signal.ListeningSockets;
import io.lvsfeedback.agent.signal.LoadSignal;
import io.lvsfeedback.agent.signal.MicrometerSignal;
import io.lvsfeedback.agent.signal.PathCheck;
import io.lvsfeedback.agent.signal.ThreadSignal;
import io.lvsfeedback.model.agent.AgentMXBean;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The running agent: signals, reporter, feedback server, MXBean and network setup, started in
 * that order and closed in reverse. A failure while starting closes whatever had started.
 */
public final class AgentRuntime implements AutoCloseable {
    private static final AgentLog LOG = AgentLog.of(AgentRuntime.class);

    private final AgentConfig config;
    private final AgentClock clock;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final ListeningSockets sockets = new ListeningSockets();
    private ScheduledExecutorService scheduler;
    private Reporter reporter;
    private FeedbackServer server;
    private NetworkSetup network = NetworkSetup.NONE;
    private AgentMBean mbean;
    private volatile boolean closed;
    private static final long PORTS_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(10);
    private List<Integer> cachedPorts;
    private long portsReadAt;

    private AgentRuntime(AgentConfig config, AgentClock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts everything.
     *
     * @param networkFactory builds the real-server setup from the configuration (applied here)
     * @throws Exception anything that keeps the agent from working; what had started is closed
     */
    public static AgentRuntime start(AgentConfig config, AgentClock clock,
            Function<AgentConfig, NetworkSetup> networkFactory) throws Exception {
        AgentRuntime rt = new AgentRuntime(config, clock);
        try {
            rt.startAll(networkFactory);
            return rt;
        } catch (Exception | Error e) {
            // Disabled agents leave nothing behind: remove what the network part may have added.
            try {
                rt.network.undo();
            } catch (RuntimeException | LinkageError undoFailed) {
                LOG.warn("network undo failed: " + undoFailed);
            }
            rt.close();
            throw e;
        }
    }

    private void startAll(Function<AgentConfig, NetworkSetup> networkFactory) throws IOException {
        SharedSecret secret = null;
        if (config.secretFile() != null) {
            secret = SharedSecret.fromFile(config.secretFile());
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lvs-agent-sampler");
            t.setDaemon(true);
            return t;
        });
        started.push(scheduler::shutdownNow);

        List<LoadSignal> signals = new ArrayList<>();
        signals.add(new CpuSignal(clock));
        signals.add(new ThreadSignal());
        signals.add(new GcOverheadSignal(clock, config.gcWindow()));
        signals.add(new HeapAfterGcSignal());
        signals.add(new MicrometerSignal(clock, config.meter()));
        signals.add(new JettyPoolSignal());
        List<PathCheck> checks = new ArrayList<>();
        for (Path p : config.checkPaths()) {
            checks.add(new PathCheck(p, config.checkTimeout(), clock));
        }
        // Network first: its checks decide whether the first report says ready.
        network = networkFactory.apply(config);
        started.push(network);
        NetworkSetup net = network;
        reporter = new Reporter(clock, signals, checks, Tunables.from(config), new AdminControl(),
                net::problem, this::applicationPorts, hostName());
        started.push(reporter);
        reporter.tick();
        long period = config.sampleInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::tickQuietly, period, period, TimeUnit.MILLISECONDS);
        if (!checks.isEmpty()) {
            long every = config.checkInterval().toMillis();
            scheduler.scheduleWithFixedDelay(() -> checks.forEach(PathCheck::poll), 0, every, TimeUnit.MILLISECONDS);
        }

        server = FeedbackServer.start(config.bind(), config.port(), config.maxConnections(), reporter::current,
                secret, config.requestWait(), config.readTimeout());
        started.push(server);

        if (config.jmx()) {
            mbean = new AgentMBean(reporter, server::port, config.network().name().toLowerCase(java.util.Locale.ROOT),
                    net::checks, checks);
            started.push(MBeanRegistration.register(mbean, AgentMXBean.OBJECT_NAME));
            net.onChange(mbean::checkChanged);
        }
        LOG.info("ready: feedback port " + server.port() + ", state " + reporter.current().state().word()
                + ", weight " + reporter.current().weightPercent() + "%"
                + (secret == null ? ", reports unsigned (no secret-file)" : ""));
    }

    private void tickQuietly() {
        try {
            reporter.tick();
        } catch (Throwable t) {
            // A failing tick must not cancel the schedule (an exception would end it for good).
            LOG.warn("sampling failed: " + t);
        }
    }

    /**
     * The application's listening ports, looked up at most every {@link #PORTS_REFRESH_NANOS}:
     * reading /proc for them costs milliseconds, and they rarely change.
     */
    private synchronized List<Integer> applicationPorts() {
        long now = clock.nanoTime();
        if (cachedPorts != null && now - portsReadAt < PORTS_REFRESH_NANOS) {
            return cachedPorts;
        }
        List<Integer> out = new ArrayList<>(sockets.snapshot().listeningPorts());
        if (server != null) {
            out.remove(Integer.valueOf(server.port()));
        }
        cachedPorts = out;
        portsReadAt = now;
        return out;
    }

    /** Open connections on the application's ports (not the feedback port). */
    public int applicationConnections() {
        return sockets.snapshot().connectionsExcept(server == null ? Set.of() : Set.of(server.port()));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    public Reporter reporter() {
        return reporter;
    }

    public AgentMBean mbean() {
        return mbean;
    }

    public int feedbackPort() {
        return server.port();
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * The JVM is stopping: drain, wait for the application's connections, then undo the network
     * setup and close. Bounded by drain-timeout.
     */
    public void shutdown() {
        if (closed) {
            return;
        }
        try {
            new ShutdownDrain(clock, reporter.admin()::shutdown, this::applicationConnections,
                    config.drainTimeout()).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("drain failed: " + e);
        }
        try {
            network.undo();
        } catch (RuntimeException e) {
            LOG.warn("network undo failed: " + e);
        }
        close();
    }

    @Override
    public void close() {
        closed = true;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception | LinkageError e) {
                LOG.warn("closing failed: " + e);
            }
        }
    }
}
