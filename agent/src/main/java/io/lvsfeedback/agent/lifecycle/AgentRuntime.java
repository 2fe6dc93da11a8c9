package io.lvsfeedback.agent.lifecycle;

import io.lvsfeedback.agent.util.AgentClock;
import io.lvsfeedback.agent.util.AgentLog;
import io.lvsfeedback.agent.config.AgentConfig;
import io.lvsfeedback.agent.jmx.AgentMBean;
import io.lvsfeedback.agent.jmx.AgentSettingsMBean;
import io.lvsfeedback.agent.jmx.MBeanRegistration;
import io.lvsfeedback.agent.probe.IdleProbe;
import io.lvsfeedback.agent.report.AdminControl;
import io.lvsfeedback.agent.report.Reporter;
import io.lvsfeedback.agent.report.Tunables;
import io.lvsfeedback.agent.server.FeedbackServer;
import io.lvsfeedback.agent.server.ReportSource;
import io.lvsfeedback.agent.signal.CpuSignal;
import io.lvsfeedback.agent.signal.GcOverheadSignal;
import io.lvsfeedback.agent.signal.HeapAfterGcSignal;
import io.lvsfeedback.agent.signal.JettyPoolSignal;
import io.lvsfeedback.agent.signal.JettyStatisticsSignal;
import io.lvsfeedback.agent.signal.LazySignal;
import io.lvsfeedback.agent.signal.ListeningSockets;
import io.lvsfeedback.agent.signal.LoadSignal;
import io.lvsfeedback.agent.signal.MicrometerSignal;
import io.lvsfeedback.agent.signal.PathCheck;
import io.lvsfeedback.agent.signal.ServerStatistics;
import io.lvsfeedback.agent.signal.SignalSources;
import io.lvsfeedback.agent.signal.ThreadSignal;
import io.lvsfeedback.agent.signal.TomcatSignal;
import io.lvsfeedback.agent.signal.UndertowSignal;
import io.lvsfeedback.model.agent.AgentMXBean;
import io.lvsfeedback.model.agent.AgentSettingsMXBean;
import io.lvsfeedback.model.file.BoundedFile;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The running agent, started in two steps so the feedback port answers within milliseconds of
 * premain. {@link #start} opens what a report needs (reporter, feedback port, sampling; the signals
 * build themselves on the sampler thread); {@link #completeStart} then does the slow part on the
 * caller's thread: the real-server network setup (nested-jar extraction, native loading, VIP and
 * sysctl work) and the MXBean. Until the network part is verified the report says {@code down}
 * with its reason, as for a failed check. Everything is closed in reverse order.
 */
public final class AgentRuntime implements AutoCloseable {
    private static final AgentLog LOG = AgentLog.of(AgentRuntime.class);
    /** How long a shutdown waits for a network setup still in progress, so it can undo what that added. */
    private static final long SETUP_WAIT_MILLIS = 10_000;

    private final AgentConfig config;
    private final AgentClock clock;
    private final Function<AgentConfig, NetworkSetup> networkFactory;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    /** An idle probe that has no answer within this long failed (and the next one waits). */
    static final int IDLE_PROBE_TIMEOUT_MILLIS = 10_000;
    private final ListeningSockets sockets = new ListeningSockets();
    private final CountDownLatch setUp = new CountDownLatch(1);
    private ScheduledExecutorService scheduler;
    private AlignedTicks tickSchedule;
    private Reporter reporter;
    private FeedbackServer server;
    private List<PathCheck> checks = List.of();
    private volatile NetworkSetup network = NetworkSetup.NONE;
    private volatile String host = "";
    private volatile boolean sampled;
    private long readyNanos;
    private AgentMBean mbean;
    private volatile boolean closed;
    private static final long PORTS_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(10);
    private List<Integer> cachedPorts;
    private long portsReadAt;

    private AgentRuntime(AgentConfig config, AgentClock clock, Function<AgentConfig, NetworkSetup> networkFactory) {
        this.config = config;
        this.clock = clock;
        this.networkFactory = networkFactory;
    }

    /**
     * Starts the reporter and the feedback port; call {@link #completeStart} next.
     *
     * @param networkFactory builds and applies the real-server setup (called by {@link #completeStart})
     * @throws Exception anything that keeps the agent from working; what had started is closed
     */
    public static AgentRuntime start(AgentConfig config, AgentClock clock,
            Function<AgentConfig, NetworkSetup> networkFactory) throws Exception {
        AgentRuntime rt = new AgentRuntime(config, clock, networkFactory);
        try {
            rt.startServing();
            return rt;
        } catch (Exception | Error e) {
            rt.close();
            throw e;
        }
    }

    private void startServing() throws IOException {
        SharedSecret secret = null;
        if (config.secretFile() != null) {
            secret = SharedSecret.fromFile(config.secretFile());
            BoundedFile.exposure(config.secretFile()).ifPresent(who -> LOG.warn("secret-file " + config.secretFile()
                    + " is " + who + ": anyone who reads it can forge reports (chmod 600 it)"));
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lvs-agent-sampler");
            t.setDaemon(true);
            return t;
        });
        started.push(scheduler::shutdownNow);

        List<LoadSignal> signals = new ArrayList<>();
        signals.add(new LazySignal(() -> new CpuSignal(clock)));
        signals.add(new LazySignal(ThreadSignal::new));
        signals.add(new LazySignal(() -> new GcOverheadSignal(clock, config.gcWindow())));
        signals.add(new LazySignal(HeapAfterGcSignal::new));
        // Requests and pool: the application's Micrometer timer first, then each server's own MBeans.
        signals.add(new LazySignal(() -> {
            String statistics = ServerStatistics.describe();
            if (!statistics.isEmpty()) {
                LOG.info(statistics);
            }
            return new SignalSources(List.of(
                    new SignalSources.Source(MicrometerSignal.SOURCE, new MicrometerSignal(clock, config.meter())),
                    new SignalSources.Source(JettyPoolSignal.SOURCE, new JettyPoolSignal()),
                    new SignalSources.Source(JettyPoolSignal.SOURCE, new JettyStatisticsSignal(clock)),
                    new SignalSources.Source(TomcatSignal.SOURCE, new TomcatSignal(clock)),
                    new SignalSources.Source(UndertowSignal.SOURCE, new UndertowSignal(clock))));
        }));
        checks = new ArrayList<>();
        for (Path p : config.checkPaths()) {
            checks.add(new PathCheck(p, config.checkTimeout(), clock));
        }
        // Until completeStart has verified the network part, a real server reports down.
        network = RealServerNetwork.applies(config) ? PendingNetwork.starting() : NetworkSetup.NONE;
        reporter = new Reporter(clock, signals, checks, Tunables.from(config), new AdminControl(),
                () -> network.problem(), this::applicationPorts, () -> host);
        reporter.capacityExpiry(config.capacityExpiry());
        started.push(reporter);
        if (config.idleProbe() != null) {
            IdleProbe probe = new IdleProbe(config.idleProbe(), IDLE_PROBE_TIMEOUT_MILLIS, clock::nanoTime);
            reporter.idleProbe(probe);
            started.push(probe);
        }

        server = FeedbackServer.start(config.bind(), config.port(), config.maxConnections(), (ReportSource) reporter::reportAt,
                secret, config.requestWait(), config.readTimeout(), new HashSet<>(config.bridges()));
        started.push(server);

        tickSchedule = new AlignedTicks(config.sampleInterval().toMillis(), clock);
        reporter.sampleInterval(config.sampleInterval().toMillis());
        scheduler.execute(() -> tickQuietly(clock.wallMillis()));
        scheduleNextTick();
        if (!checks.isEmpty()) {
            long every = config.checkInterval().toMillis();
            List<PathCheck> paths = checks;
            scheduler.scheduleWithFixedDelay(() -> paths.forEach(PathCheck::poll), 0, every, TimeUnit.MILLISECONDS);
        }
        readyNanos = clock.nanoTime();
        // The first log record sets JUL up (formatter, time zones): 100+ ms on a busy machine, so it
        // comes after the port answers.
        LOG.info("ready: feedback port " + server.port() + ", state " + describe(reporter.current())
                + (secret == null ? ", reports unsigned (no secret-file)" : ""));
    }

    /**
     * The slow part of starting, on the caller's thread: real-server network setup, MXBean, host
     * name. Never throws for a failed setup: the report says why the server is down instead.
     */
    public void completeStart() {
        try {
            if (closed) {
                return; // the JVM stopped first: nothing to set up, nothing to undo
            }
            NetworkSetup net;
            try {
                net = networkFactory.apply(config);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("real-server network setup failed: " + e);
                net = PendingNetwork.failed(e);
            }
            if (adopt(net) && config.jmx()) {
                registerMBean();
            }
            host = hostName(); // last: a slow resolver must not hold the network checks back
            reporter.refresh();
            LOG.info("set up: state " + describe(reporter.current()));
        } finally {
            setUp.countDown();
        }
    }

    /** Takes the network part over, or, when the agent was closed meanwhile, removes what it added. */
    private boolean adopt(NetworkSetup net) {
        synchronized (this) {
            if (!closed) {
                network = net;
                started.push(net);
                return true;
            }
        }
        try {
            net.undo();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("network undo failed: " + e);
        }
        net.close();
        return false;
    }

    private synchronized void registerMBean() {
        if (closed) {
            return;
        }
        String name = config.jmxName().isEmpty() ? "port-" + server.port() : config.jmxName();
        mbean = new AgentMBean(AgentMXBean.objectName(name), reporter, server::port,
                config.network().name().toLowerCase(java.util.Locale.ROOT), () -> network.checks(), checks);
        MBeanRegistration agentBean = MBeanRegistration.register(mbean, mbean.name());
        started.push(agentBean);
        started.push(MBeanRegistration.register(new AgentSettingsMBean(reporter), AgentSettingsMXBean.objectName(name)));
        if (agentBean.registered()) {
            LOG.info("JMX: " + mbean.name() + " and " + AgentSettingsMXBean.objectName(name));
        }
        network.onChange(mbean::checkChanged);
    }

    private static String describe(FeedbackReport r) {
        return r.state().word() + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")") + ", weight "
                + r.weightPercent() + "%";
    }

    private void tickQuietly(long epochMillis) {
        try {
            sampled = true;
            reporter.tick(epochMillis);
        } catch (Throwable t) {
            // A failing tick must not cancel the schedule (an exception would end it for good).
            LOG.warn("sampling failed: " + t);
        }
    }

    /** One tick at the next wall-clock boundary, which schedules the one after it. */
    private void scheduleNextTick() {
        long epoch = tickSchedule.nextBoundary();
        try {
            scheduler.schedule(() -> {
                tickQuietly(epoch);
                scheduleNextTick();
            }, tickSchedule.delayUntil(epoch), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shut down: no more ticks
        }
    }

    /**
     * The application's listening ports, looked up at most every {@link #PORTS_REFRESH_NANOS}:
     * reading /proc for them costs milliseconds, and they rarely change.
     */
    private synchronized List<Integer> applicationPorts() {
        if (!sampled) {
            // Before the first sample (at premain the application listens on nothing yet): the
            // /proc scan is left to the sampler thread, off the path to the feedback port.
            return List.of();
        }
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

    /** When the feedback port started answering ({@link AgentClock#nanoTime()}). */
    public long readyNanos() {
        return readyNanos;
    }

    public int feedbackPort() {
        return server.port();
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * The JVM is stopping: drain, wait for the application's connections, then undo the network
     * setup and close. Bounded by drain-timeout, plus up to {@link #SETUP_WAIT_MILLIS} for a
     * network setup still in progress (so a VIP it is adding is removed too).
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
            // A network setup still running may be adding a VIP: let it finish, then undo it.
            if (!setUp.await(SETUP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("network setup still running at shutdown; not waiting longer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        NetworkSetup net;
        synchronized (this) {
            closed = true;
            net = network;
        }
        try {
            net.undo();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("network undo failed: " + e);
        }
        close();
    }

    @Override
    public synchronized void close() {
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
