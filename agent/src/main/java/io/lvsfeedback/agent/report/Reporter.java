package io.lvsfeedback.agent.report;

import io.lvsfeedback.agent.util.AgentClock;
import io.lvsfeedback.agent.util.AgentLog;
import io.lvsfeedback.agent.probe.IdleProbe;
import io.lvsfeedback.agent.signal.LoadSignal;
import io.lvsfeedback.agent.signal.PathCheck;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Samples the load signals, smooths them and keeps the current {@link FeedbackReport}. The
 * feedback server and JMX only read {@link #current()}, so serving a report never measures
 * anything. {@link #tick()} runs on the agent's scheduler thread; the dependency checks are
 * polled on their own schedule (check.interval), the reporter only reads their outcome.
 */
public final class Reporter implements AutoCloseable {
    private static final AgentLog LOG = AgentLog.of(Reporter.class);

    /** Notified when the reported state or reason changes. */
    public interface StateListener {
        void stateChanged(FeedbackReport before, FeedbackReport after);
    }

    private final AgentClock clock;
    private final List<LoadSignal> signals;
    private final List<PathCheck> checks;
    private final AdminControl admin;
    private final Supplier<String> networkProblem;
    private final Supplier<List<Integer>> ports;
    private final Supplier<String> host;
    private final long startNanos;
    private final Ewma weight = new Ewma();
    private final CapacityEstimator capacity = new CapacityEstimator();
    private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Tunables tunables;
    private volatile Map<String, Double> lastSignals = Collections.emptyMap();
    private volatile String lastSource = "";
    private volatile FeedbackReport current;
    private final ReportHistory history = new ReportHistory();
    private long sequence;
    /** The newest sample's boundary; volatile, so a poll sees without a lock that it has nothing to catch up. */
    private volatile long epochMillis = Long.MIN_VALUE;
    /** Held while a sample is taken: the sampling thread and a director's catch-up take turns. */
    private final ReentrantLock sampling = new ReentrantLock();
    /**
     * How long a poll waits at most for the sampling thread that holds the lock (it is taking the
     * sample asked for, most likely): the feedback port's one selector thread must not stall behind it.
     */
    static final long CATCH_UP_WAIT_MILLIS = 50;
    private volatile long sampleIntervalMillis;
    private volatile IdleProbe idleProbe;

    public Reporter(AgentClock clock, List<LoadSignal> signals, List<PathCheck> checks, Tunables tunables,
            AdminControl admin, Supplier<String> networkProblem, Supplier<List<Integer>> ports, Supplier<String> host) {
        this.clock = clock;
        this.signals = signals;
        this.checks = checks;
        this.tunables = tunables;
        this.admin = admin;
        this.networkProblem = networkProblem;
        this.ports = ports;
        this.host = host;
        this.startNanos = clock.nanoTime();
        // The first report already carries the network state (a real server starts down until its
        // setup is verified), and building it here logs no state change: the first log record
        // sets JUL up, which must not delay the feedback port.
        AdminControl.Decision d = admin.resolve(safe(networkProblem), null);
        this.current = FeedbackReport.builder().state(d.state()).reason(d.reason())
                .weightPercent(d.state() == AdminState.READY ? 100 : 0).host(safeHost())
                .timestampMillis(clock.wallMillis()).build();
        admin.onChange(this::republish);
    }

    public void addStateListener(StateListener l) {
        listeners.add(l);
    }

    public FeedbackReport current() {
        return current;
    }

    /**
     * The report of the sample taken at or before {@code atMillis} (wall clock), as a bridge's
     * {@code at=} asks; the current one for 0, or when none kept is that old.
     */
    public FeedbackReport reportAt(long atMillis) {
        if (atMillis > 0) {
            catchUp(atMillis);
        }
        FeedbackReport r = history.at(atMillis);
        return r == null ? current : r;
    }

    /**
     * The sampling thread's interval (wall-clock boundaries): with it, a poll for a boundary that is
     * due but not sampled yet takes that sample itself (see {@link #catchUp}); 0 turns that off.
     */
    public void sampleInterval(long millis) {
        this.sampleIntervalMillis = Math.max(0, millis);
    }

    /**
     * A director asks for the sample of a boundary that has passed but that the sampling thread has
     * not taken yet (it runs late on a busy or emulated host). Answering with the previous sample
     * would hand this director an older sample than a director that asks a moment later, and the two
     * would write different weights: so the sample is taken now, under that boundary's name, and
     * every director asking for the boundary gets this one. The sampling thread then skips it.
     */
    private void catchUp(long atMillis) {
        long interval = sampleIntervalMillis;
        if (interval <= 0) {
            return;
        }
        long boundary = Math.floorDiv(atMillis, interval) * interval;
        if (boundary > clock.wallMillis()) {
            return; // not due here yet (the director's clock is ahead): the newest sample it is
        }
        if (epochMillis != Long.MIN_VALUE && boundary <= epochMillis) {
            return; // sampled already: every poll but the first after a late boundary ends here
        }
        try {
            if (!sampling.tryLock(CATCH_UP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return; // the sampling thread is busy with it: serve what is there
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (epochMillis == Long.MIN_VALUE || boundary > epochMillis) {
                sample(boundary);
            }
        } finally {
            sampling.unlock();
        }
    }

    /** Where the last sample's request and pool signals came from (see LoadSignal#source); empty for none. */
    public String lastSource() {
        return lastSource;
    }

    /** The signals as last sampled, NaN for unknown ones; rps, err_rate and util smoothed, capacity from them. */
    public Map<String, Double> lastSignals() {
        return lastSignals;
    }

    public Tunables tunables() {
        return tunables;
    }

    public void tunables(Tunables t) {
        this.tunables = t;
    }

    public AdminControl admin() {
        return admin;
    }

    /** A tick this late was held up by a stop of the whole JVM (SIGSTOP, a safepoint, a GC pause). */
    static final long STALL_MILLIS = 100;

    /** Samples every signal and recomputes the report; the epoch is the sample's wall-clock time. */
    public void tick() {
        tick(clock.wallMillis());
    }

    /**
     * Samples every signal and recomputes the report, published under {@code epochMillis}: the
     * wall-clock boundary this sample was scheduled for, so that agents and bridges with
     * synchronised clocks name the same interval the same way.
     */
    public void tick(long epochMillis) {
        sampling.lock();
        try {
            if (alreadySampled(epochMillis)) {
                return; // a director's poll took this boundary's sample first (catchUp)
            }
            sample(epochMillis);
        } finally {
            sampling.unlock();
        }
    }

    /**
     * This boundary, or one after it, was sampled already (by a catch-up). Not when it lies further back than two
     * intervals: the clock was stepped back, and sampling goes on with the new clock at once.
     */
    private boolean alreadySampled(long epoch) {
        long last = epochMillis;
        long interval = sampleIntervalMillis;
        // Without an interval there is no catch-up, so nothing to skip.
        return interval > 0 && last != Long.MIN_VALUE && epoch <= last && last - epoch <= 2 * interval;
    }

    private void sample(long epochMillis) {
        // Sampled late: the JVM stood still around the boundary, and the requests it held show up
        // slow in this sample and the next; the capacity must not take them for a slower server.
        boolean stalled = clock.wallMillis() - epochMillis > STALL_MILLIS;
        Map<String, Double> s = new LinkedHashMap<>();
        for (LoadSignal signal : signals) {
            try {
                signal.sample(s);
            } catch (RuntimeException | LinkageError e) {
                // One broken signal must not stop the others; its values stay unknown.
                LOG.debug("signal " + signal.getClass().getSimpleName() + " failed: " + e);
            }
        }
        StringBuilder source = new StringBuilder();
        for (LoadSignal signal : signals) {
            String from = signal.source();
            if (from != null && !from.isEmpty()) {
                source.append(source.length() == 0 ? "" : ",").append(from);
            }
        }
        long now = clock.nanoTime();
        long tau = tunables.smoothing().toNanos();
        boolean starved;
        synchronized (this) {
            capacity.update(s, now, tau, stalled);
            starved = capacity.starved();
            weight.update(LoadModel.rawWeight(s, tunables), now, tau);
            lastSignals = Collections.unmodifiableMap(s);
            lastSource = source.toString();
            this.epochMillis = epochMillis;
        }
        IdleProbe probe = idleProbe;
        if (probe != null) {
            probe.starved(starved);
        }
        republish();
    }

    /** See agent setting {@code idle-probe}; null: none. */
    public void idleProbe(IdleProbe probe) {
        this.idleProbe = probe;
    }

    public IdleProbe idleProbe() {
        return idleProbe;
    }

    /** See agent setting {@code capacity-expiry}; zero: a capacity stands until a sample changes it. */
    public synchronized void capacityExpiry(Duration expiry) {
        capacity.expiry(expiry);
    }

    public synchronized Duration capacityExpiry() {
        return capacity.expiry();
    }

    /** Rebuilds the report without sampling: after the network or another check changed. */
    public void refresh() {
        republish();
    }

    /** Rebuilds the report from the last samples and the current administrative decisions. */
    private void republish() {
        FeedbackReport before;
        FeedbackReport after;
        synchronized (this) {
            AdminControl.Decision d = admin.resolve(safe(networkProblem), dependencyProblem());
            FeedbackReport.Builder b = FeedbackReport.builder().state(d.state()).reason(d.reason())
                    .weightPercent(weightFor(d.state())).host(safeHost()).source(lastSource).sequence(++sequence)
                    .timestampMillis(clock.wallMillis())
                    .uptimeMillis((clock.nanoTime() - startNanos) / 1_000_000).epochMillis(Math.max(0, epochMillis));
            for (Map.Entry<String, Double> e : lastSignals.entrySet()) {
                b.signal(e.getKey(), e.getValue());
            }
            try {
                b.ports(ports.get());
            } catch (RuntimeException e) {
                // ports unknown: leave them out
            }
            before = current;
            after = b.build();
            current = after;
            history.add(after);
        }
        if (before.state() != after.state() || !before.reason().equals(after.reason())) {
            LOG.info("state " + after.state().word() + (after.reason().isEmpty() ? "" : " (" + after.reason() + ")"));
            for (StateListener l : listeners) {
                try {
                    l.stateChanged(before, after);
                } catch (RuntimeException e) {
                    LOG.warn("state listener failed: " + e);
                }
            }
        }
    }

    private int weightFor(AdminState state) {
        if (state != AdminState.READY) {
            return 0;
        }
        int override = admin.weightOverride();
        if (override != AdminControl.NO_OVERRIDE) {
            return override;
        }
        double w = weight.value();
        if (Double.isNaN(w)) {
            return 100;
        }
        return (int) Math.max(tunables.minWeight(), Math.min(100, Math.round(w)));
    }

    private String dependencyProblem() {
        for (PathCheck c : checks) {
            if (c.status() == PathCheck.Status.HUNG || c.status() == PathCheck.Status.FAILED) {
                return c.detail();
            }
        }
        return null;
    }

    private String safeHost() {
        try {
            String h = host.get();
            return h == null ? "" : h;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String safe(Supplier<String> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return "network check failed: " + e;
        }
    }

    @Override
    public void close() {
        for (LoadSignal s : signals) {
            try {
                s.close();
            } catch (RuntimeException e) {
                // closing is best effort
            }
        }
        for (PathCheck c : checks) {
            c.close();
        }
    }
}
