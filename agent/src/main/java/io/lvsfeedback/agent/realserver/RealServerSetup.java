package io.lvsfeedback.agent.realserver;

import io.lvsfeedback.agent.util.AgentLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes this host a correct LVS real server for the configured forwarding method, or checks that
 * it is: VIPs, ARP and rp_filter sysctls, tunnel interface, NAT default route.
 *
 * <p>Never throws for an environmental failure: a missing file, a kernel error or a missing
 * privilege becomes a failed {@link Check} whose fix is the exact command to run as root. Without
 * CAP_NET_ADMIN, {@code configure} degrades to verifying. {@link #undo()} removes only VIPs an agent
 * added and restores only sysctls an agent changed, and only when no other agent JVM of the
 * network namespace still uses them (the host-wide {@link SharedUse} record). Thread-safe.
 */
public final class RealServerSetup implements AutoCloseable {
    private static final AgentLog LOG = AgentLog.of(RealServerSetup.class);
    /** The last re-verification failure logged as a warning (touched by the scheduler thread only). */
    private volatile String lastReverifyFailure;
    /** Name of the check that reports a configure refused for lack of privilege. */
    public static final String PRIVILEGE_CHECK = "privilege";
    /** Name of the check that reports the netlink module could not be loaded. */
    public static final String NETLINK_CHECK = "netlink";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final RealServerSettings settings;
    private final PassCachedAddressOps ops;
    private final RequirementPlan plan;
    private final SharedUse shared;
    private boolean joined;
    private boolean degraded;
    private String deniedBecause = "";
    private List<Check> last = Collections.emptyList();
    private ScheduledFuture<?> reverification;
    /** Bumped whenever re-verification stops, so a pass already waiting for the lock does nothing (no repair after undo). */
    private long reverifyGeneration;

    RealServerSetup(RealServerSettings settings, AddressOps ops, SystemCommands commands) {
        this(settings, ops, commands, SharedUse.alone(""));
    }

    RealServerSetup(RealServerSettings settings, AddressOps ops, SystemCommands commands, SharedUse shared) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ops = new PassCachedAddressOps(Objects.requireNonNull(ops, "ops"));
        this.shared = Objects.requireNonNull(shared, "shared");
        this.plan = new RequirementPlan(settings, this.ops, commands, shared);
    }

    /**
     * A setup that uses the netlink module from its isolated class loader; when that cannot be
     * loaded, VIPs are verified through the JDK and the reason shows up as a failed check.
     */
    public static RealServerSetup create(RealServerSettings settings) {
        return create(settings, IsolatedLibraries::shared);
    }

    /** Where the netlink classes come from; may fail, which only costs the ability to configure VIPs. */
    interface NetlinkLoader {
        ClassLoader get() throws EnvironmentException;
    }

    static RealServerSetup create(RealServerSettings settings, NetlinkLoader loader) {
        return new RealServerSetup(settings, openAddressOps(settings, loader), new ProcessCommands(COMMAND_TIMEOUT),
                openSharedUse(settings));
    }

    private static SharedUse openSharedUse(RealServerSettings settings) {
        if (settings.mode() == NetworkMode.OFF || settings.vips().isEmpty()
                || !settings.sysctlRoot().equals(java.nio.file.Paths.get("/proc/sys"))) {
            return SharedUse.alone(""); // a sysctl tree of a test is no business of the host's agents
        }
        try {
            return HostUseRecord.open(settings.sharedDir(), ProcessHandle.current().pid());
        } catch (EnvironmentException e) {
            return SharedUse.alone(e.getMessage());
        }
    }

    /** Why agent JVMs sharing this namespace's VIPs cannot see each other (empty when they can). */
    public String sharedRecordProblem() {
        return shared.problem();
    }

    private static AddressOps openAddressOps(RealServerSettings settings, NetlinkLoader loader) {
        if (settings.mode() == NetworkMode.OFF || settings.forwarding() == Forwarding.NAT) {
            return new JdkAddressOps("not needed for this mode");
        }
        try {
            return NetlinkAddressOps.open(loader.get());
        } catch (EnvironmentException e) {
            return new JdkAddressOps(e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return new JdkAddressOps("cannot load the netlink module: " + e);
        }
    }

    public RealServerSettings settings() {
        return settings;
    }

    /** True once configuring was refused for lack of privilege: from then on the setup only verifies. */
    public synchronized boolean configureDenied() {
        return degraded;
    }

    /**
     * Configures (in CONFIGURE mode) and then verifies; returns the configure failures followed by
     * every check. Empty in OFF mode.
     */
    public List<Check> apply() {
        synchronized (this) {
            if (settings.mode() == NetworkMode.OFF) {
                return Collections.emptyList();
            }
            List<Check> result = new ArrayList<>(shared.exclusively(this::joinAndConfigure));
            List<Check> checks = verifyAll();
            result.addAll(checks);
            last = result;
            return Collections.unmodifiableList(result);
        }
    }

    /** Checks everything without changing anything. Empty in OFF mode. */
    public synchronized List<Check> verify() {
        if (settings.mode() == NetworkMode.OFF) {
            return Collections.emptyList();
        }
        return Collections.unmodifiableList(verifyAll());
    }

    /**
     * Re-verifies every {@link RealServerSettings#reverifyInterval()} on the given scheduler; tells
     * the listener when something changed and, in CONFIGURE mode, repairs it first. Replaces an
     * earlier schedule. The returned future cancels it.
     */
    public synchronized ScheduledFuture<?> startReverify(CheckListener listener, ScheduledExecutorService scheduler) {
        Objects.requireNonNull(listener, "listener");
        stopReverify();
        long millis = settings.reverifyInterval().toMillis();
        long generation = reverifyGeneration;
        reverification = scheduler.scheduleWithFixedDelay(() -> reverifyOnce(listener, generation), millis, millis,
                TimeUnit.MILLISECONDS);
        return reverification;
    }

    /** One re-verification pass; package-private so tests can drive it without a clock. */
    void reverifyOnce(CheckListener listener) {
        long generation;
        synchronized (this) {
            generation = reverifyGeneration;
        }
        reverifyOnce(listener, generation);
    }

    private void reverifyOnce(CheckListener listener, long generation) {
        List<Check> changed;
        List<Check> current;
        try {
            synchronized (this) {
                if (settings.mode() == NetworkMode.OFF || generation != reverifyGeneration) {
                    return;
                }
                List<Check> found = verifyAll();
                changed = changedSince(last, found);
                current = found;
                if (!allOk(found)) {
                    List<Check> problems = configureIfAllowed();
                    if (settings.mode() == NetworkMode.CONFIGURE) {
                        current = new ArrayList<>(problems);
                        current.addAll(verifyAll());
                    }
                }
                boolean differs = !changed.isEmpty() || !current.equals(last);
                last = current;
                if (!differs) {
                    return;
                }
            }
            listener.checksChanged(Collections.unmodifiableList(changed), Collections.unmodifiableList(current));
        } catch (Throwable t) {
            // A scheduled task that throws is silently never run again; keep re-verifying instead.
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
            logReverifyFailure(t);
        }
    }

    /** Warns once per distinct failure: the same one every interval would flood the application's log. */
    private void logReverifyFailure(Throwable t) {
        String failure = t.toString();
        if (failure.equals(lastReverifyFailure)) {
            LOG.debug("re-verification of the real-server network failed again: " + failure);
            return;
        }
        lastReverifyFailure = failure;
        LOG.warn("re-verification of the real-server network failed (it keeps running): " + failure, t);
    }

    /**
     * Stops re-verification, then removes the VIPs this setup added and restores the sysctls it
     * changed to their earlier values (unless someone changed them since). Returns what it did.
     */
    public synchronized List<Check> undo() {
        stopReverify();
        if (settings.mode() != NetworkMode.CONFIGURE) {
            shared.close(); // verify never changes anything, not even what another agent left behind
            return Collections.emptyList();
        }
        List<Check> done = shared.exclusively(() -> {
            List<Requirement> all = plan.all();
            List<Check> undone = new ArrayList<>();
            for (int i = all.size() - 1; i >= 0; i--) {
                all.get(i).undo().ifPresent(undone::add);
            }
            shared.close();
            return undone;
        });
        return Collections.unmodifiableList(done);
    }

    /** Joins the namespace's record before the first configure, under its lock: a stopping agent sees us or we see its undo. */
    private List<Check> joinAndConfigure() {
        if (!joined) {
            shared.join(settings.vips());
            joined = true;
        }
        return configureIfAllowed();
    }

    /** Stops re-verification and releases the netlink socket; does not undo (see {@link #undo()}). */
    @Override
    public synchronized void close() {
        stopReverify();
        shared.close();
        ops.close();
    }

    /**
     * The distinct fix commands of the failed checks, in order: what an operator runs as root. The
     * privilege and netlink checks carry advice rather than a command and are left out.
     */
    public static List<String> fixCommands(List<Check> checks) {
        Set<String> fixes = new LinkedHashSet<>();
        for (Check c : checks) {
            boolean advice = c.name().equals(PRIVILEGE_CHECK) || c.name().equals(NETLINK_CHECK);
            if (!c.ok() && !advice && !c.fix().isEmpty()) {
                fixes.add(c.fix());
            }
        }
        return new ArrayList<>(fixes);
    }

    private void stopReverify() {
        reverifyGeneration++;
        if (reverification != null) {
            reverification.cancel(false);
            reverification = null;
        }
    }

    private List<Check> configureIfAllowed() {
        if (settings.mode() != NetworkMode.CONFIGURE || degraded) {
            return Collections.emptyList();
        }
        List<Check> problems = new ArrayList<>();
        ops.newPass();
        for (Requirement r : plan.current()) {
            try {
                r.configure();
            } catch (NotPermittedException e) {
                degraded = true;
                deniedBecause = e.getMessage();
                return problems;
            } catch (EnvironmentException | RuntimeException e) {
                // A RuntimeException here is a bug or a surprise from the host; it must not reach the application either.
                String why = e instanceof EnvironmentException ? e.getMessage() : e.toString();
                Check state = verifySafely(r);
                problems.add(Check.failed("configure " + r.name(), state.expected(), why, state.fix()));
            }
        }
        return problems;
    }

    private List<Check> verifyAll() {
        ops.newPass();
        List<Check> checks = new ArrayList<>();
        String unavailable = ops.unavailableReason();
        boolean needsAddresses = settings.forwarding() != Forwarding.NAT;
        if (needsAddresses && !unavailable.isEmpty()) {
            checks.add(Check.failed(NETLINK_CHECK, "available", unavailable,
                    "VIPs are verified without netlink but cannot be configured: run the fix commands of the VIP checks as root"));
        }
        for (Requirement r : plan.current()) {
            checks.add(verifySafely(r));
        }
        if (degraded) {
            checks.add(0, privilegeCheck(allOk(checks)));
        }
        return checks;
    }

    private static Check verifySafely(Requirement r) {
        try {
            return r.verify();
        } catch (RuntimeException e) {
            return Check.failed(r.name(), "verifiable", "cannot check: " + e, "");
        }
    }

    /** Passes once nothing is left to fix, so a denied configure does not alarm forever after an operator fixed things. */
    private Check privilegeCheck(boolean restOk) {
        return new Check(PRIVILEGE_CHECK, "CAP_NET_ADMIN to configure", "not permitted, verifying only: " + deniedBecause,
                restOk, restOk ? "" : "run the fix commands of the failed checks as root, or give the JVM CAP_NET_ADMIN "
                        + "(systemd: AmbientCapabilities=CAP_NET_ADMIN)");
    }

    private static boolean allOk(List<Check> checks) {
        return checks.stream().allMatch(Check::ok);
    }

    private static List<Check> changedSince(List<Check> before, List<Check> now) {
        Map<String, Check> previous = new HashMap<>();
        for (Check c : before) {
            previous.put(c.name(), c);
        }
        List<Check> changed = new ArrayList<>();
        for (Check c : now) {
            if (!c.sameStateAs(previous.get(c.name()))) {
                changed.add(c);
            }
        }
        return changed;
    }
}
