package io.lvsfeedback.bridge.engine;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.bridge.config.ServiceSettings;
import io.lvsfeedback.bridge.ipvs.DestinationEntry;
import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.bridge.ipvs.IpvsException;
import io.lvsfeedback.bridge.ipvs.IpvsTable;
import io.lvsfeedback.bridge.ipvs.ServiceDestination;
import io.lvsfeedback.bridge.ipvs.ServiceEntry;
import io.lvsfeedback.bridge.ipvs.TableSnapshot;
import io.lvsfeedback.bridge.ipvs.WeightWrite;
import io.lvsfeedback.bridge.ipvs.WriteResult;
import io.lvsfeedback.bridge.policy.Decision;
import io.lvsfeedback.bridge.policy.DestinationInput;
import io.lvsfeedback.bridge.policy.WeightPolicy;
import io.lvsfeedback.bridge.poll.AgentPoller;
import io.lvsfeedback.bridge.poll.PollOutcome;
import io.lvsfeedback.bridge.poll.PollRequest;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cycle: read the IPVS table, follow its destinations, poll their agents (and, where this bridge
 * lacks it, the previous cycle's sample: see {@link PreviousSamples}), decide weights per service,
 * write the changed ones in one batch. Single-threaded: {@link #cycle()} is called by one
 * scheduler thread; operator actions reach the states through their volatile fields.
 */
public final class BridgeEngine {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeEngine.class);
    private static final long FAILURE_LOG_PERIOD_MILLIS = 60_000;

    private final IpvsTable table;
    private final AgentPoller poller;
    private final ClockSource clock;
    private final WallClock wall;
    private final AtomicReference<BridgeConfig> config;
    private final Map<ServiceKey, ServiceState> services = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final RateLimitedLog failures;
    private volatile boolean paused;
    private volatile boolean dryRunFlag;
    private volatile long cycles;
    private final StateStore state;

    public BridgeEngine(IpvsTable table, AgentPoller poller, ClockSource clock, BridgeConfig initial) {
        this(table, poller, clock, WallClock.SYSTEM, initial, StateStore.DEFAULT_FILES);
    }

    /** With a wall clock of the test's own (cycle instants, aligned writes). */
    BridgeEngine(IpvsTable table, AgentPoller poller, ClockSource clock, WallClock wall, BridgeConfig initial) {
        this(table, poller, clock, wall, initial, StateStore.DEFAULT_FILES);
    }

    /** {@code defaultStateFiles}: where the state goes, in order, when {@code state-file} is not set. */
    BridgeEngine(IpvsTable table, AgentPoller poller, ClockSource clock, BridgeConfig initial, List<Path> defaultStateFiles) {
        this(table, poller, clock, WallClock.SYSTEM, initial, defaultStateFiles);
    }

    /** With a wall clock and state files of the test's own. */
    BridgeEngine(IpvsTable table, AgentPoller poller, ClockSource clock, WallClock wall, BridgeConfig initial,
            List<Path> defaultStateFiles) {
        this.table = table;
        this.poller = poller;
        this.clock = clock;
        this.wall = wall;
        this.config = new AtomicReference<>(initial);
        this.failures = new RateLimitedLog(LOG, FAILURE_LOG_PERIOD_MILLIS, clock);
        this.state = new StateStore(defaultStateFiles, failures);
    }

    public void addListener(EngineListener l) {
        listeners.add(l);
    }

    public BridgeConfig config() {
        return config.get();
    }

    /** Swaps in an already validated configuration; the next cycle uses it. */
    public void config(BridgeConfig next) {
        config.set(next);
    }

    /** Paused: keeps reading, polling and deciding, writes nothing. */
    public void paused(boolean p) {
        paused = p;
    }

    public boolean paused() {
        return paused;
    }

    /** The command line's --dry-run; the configuration's dry-run also counts. */
    public void dryRunFlag(boolean d) {
        dryRunFlag = d;
    }

    public boolean dryRun() {
        return dryRunFlag || config.get().dryRun();
    }

    public long cycles() {
        return cycles;
    }

    /** The managed services now, in kernel order. */
    public Collection<ServiceState> services() {
        synchronized (services) {
            return List.copyOf(services.values());
        }
    }

    public ServiceState service(ServiceKey key) {
        return services.get(key);
    }

    public long now() {
        return clock.millis();
    }

    /** Runs one cycle; never throws for what the network or the kernel does. */
    public CycleStats cycle() {
        long start = System.nanoTime();
        BridgeConfig cfg = config.get();
        // The instant this cycle stands for, taken before anything slow: it names the agents' sample
        // and the aligned write moment, the same for every director.
        long instant = CycleInstant.latest(wall.millis(), cfg.pollIntervalMillis(), cfg.agentSampleIntervalMillis());
        Optional<ReadPhase> read = read();
        if (read.isEmpty()) {
            return publish(CycleStats.builder().services(services.size()).readFailed()
                    .cycleNanos(System.nanoTime() - start).build());
        }
        follow(read.get().snapshot(), cfg);
        Polls polls = poll(cfg, instant);
        long now = clock.millis();
        absorb(polls, cfg, now, instant);
        PreviousSamples.Fetched previous = PreviousSamples.fetch(polls.candidates(), poller, cfg, instant);
        Plan plan = decide(cfg, now, instant);
        Written written = write(plan, cfg, now, instant);
        state.saveIfChanged(cfg, services());
        cycles++;
        return publish(CycleStats.builder().services(services.size()).destinations(destinationCount())
                .polls(polls.outcomes().size() + previous.polls(), polls.failures() + previous.failures(),
                        concat(polls.latencies(), previous.latencies())).changes(plan.changes())
                .writes(written.written(), written.failures(), written.nanos()).writeLateMillis(written.lateMillis())
                .readNanos(read.get().nanos())
                .cycleNanos(System.nanoTime() - start).build());
    }

    /** The table as read, and how long the read took. */
    private record ReadPhase(TableSnapshot snapshot, long nanos) {}

    /** Whom each destination's agent may be, what every agent answered, and the figures of it. */
    private record Polls(Map<DestinationState, List<PollRequest>> candidates, Map<PollRequest, PollOutcome> outcomes,
                         long[] latencies, int failures) {}

    /** One weight the policy changed: for whom, why, and the write that applies it. */
    private record Planned(DestinationState destination, Decision decision, WeightWrite write) {}

    /** The cycle's changed weights, in kernel order. */
    private record Plan(List<Planned> writes) {
        int changes() {
            return writes.size();
        }
    }

    /** The planned writes the kernel's weights still agree with, and those that could not be checked. */
    private record Rechecked(List<Planned> current, List<WriteResult> failed) {}

    /**
     * What the write batch did, and how late after its aligned moment it went out; all 0 when nothing
     * was sent (no change, dry run, paused).
     */
    private record Written(int written, int failures, long nanos, long lateMillis) {
        static final Written NOTHING = new Written(0, 0, 0, 0);
    }

    private Optional<ReadPhase> read() {
        long start = System.nanoTime();
        try {
            TableSnapshot snapshot = table.read();
            failures.clear("read");
            return Optional.of(new ReadPhase(snapshot, System.nanoTime() - start));
        } catch (IpvsException | RuntimeException e) {
            failures.warn("read", "cannot read the IPVS table: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Polls every candidate agent once, however many destinations it may serve. */
    private Polls poll(BridgeConfig cfg, long at) {
        Map<DestinationState, List<PollRequest>> candidates = new LinkedHashMap<>();
        Set<PollRequest> requests = new LinkedHashSet<>();
        for (ServiceState s : services()) {
            for (DestinationState d : s.destinations()) {
                List<PollRequest> c = AgentMapping.candidates(d, cfg);
                candidates.put(d, c);
                requests.addAll(c);
            }
        }
        Map<PollRequest, PollOutcome> outcomes = requests.isEmpty() ? Map.of()
                : poller.pollAll(requests, cfg.pollTimeoutMillis(), at);
        long[] latencies = outcomes.values().stream().mapToLong(PollOutcome::latencyNanos).toArray();
        int failed = (int) outcomes.values().stream().filter(o -> !o.succeeded()).count();
        return new Polls(candidates, outcomes, latencies, failed);
    }

    /** Hands each destination the outcome of its own agent, the report of the cycle standing for {@code instant}. */
    private void absorb(Polls polls, BridgeConfig cfg, long now, long instant) {
        for (Map.Entry<DestinationState, List<PollRequest>> e : polls.candidates().entrySet()) {
            absorb(e.getKey(), AgentMapping.pick(e.getKey(), e.getValue(), polls.outcomes()), cfg, now, instant);
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Runs the policy over each service's destinations together; collects the changed weights. */
    private Plan decide(BridgeConfig cfg, long now, long instant) {
        List<Planned> writes = new ArrayList<>();
        for (ServiceState s : services()) {
            decide(s, cfg, now, instant, writes);
        }
        return new Plan(writes);
    }

    private void decide(ServiceState s, BridgeConfig cfg, long now, long instant, List<Planned> writes) {
        List<DestinationState> ds = new ArrayList<>(s.destinations());
        List<DestinationInput> inputs = new ArrayList<>(ds.size());
        for (DestinationState d : ds) {
            inputs.add(d.input(now, instant, cfg.pollIntervalMillis()));
        }
        List<Decision> decisions = WeightPolicy.decide(inputs, cfg.service(s.key()).policy(), s.scheduler());
        for (int i = 0; i < ds.size(); i++) {
            Decision dec = decisions.get(i);
            DestinationState d = ds.get(i);
            Decision previous = d.lastDecision();
            d.decided(dec);
            if (previous == null || previous.cause() != dec.cause()) {
                Decision.Cause from = previous == null ? null : previous.cause();
                listeners.forEach(l -> l.causeChanged(d, from, dec));
            }
            if (dec.changes()) {
                writes.add(new Planned(d, dec, new WeightWrite(s.key(), d.key(), dec.weight())));
            }
        }
    }

    /**
     * Sends the changed weights in one batch, unless paused or in a dry run; first drops those
     * another party changed since the read (see {@link #recheck}).
     */
    private Written write(Plan plan, BridgeConfig cfg, long now, long instant) {
        if (plan.writes().isEmpty()) {
            return Written.NOTHING;
        }
        if (paused || dryRun()) {
            showUnwritten(plan);
            return Written.NOTHING;
        }
        long late = awaitWriteMoment(cfg, instant);
        Rechecked checked = recheck(plan);
        List<WeightWrite> batch = checked.current().stream().map(Planned::write).toList();
        List<WriteResult> results = new ArrayList<>(checked.failed());
        long start = System.nanoTime();
        if (!batch.isEmpty()) {
            Map<DestinationState, Integer> pending = new HashMap<>();
            checked.current().forEach(p -> pending.put(p.destination(), p.write().weight()));
            state.saveIntent(cfg, services(), pending);
            results.addAll(send(batch));
        }
        long nanos = batch.isEmpty() ? 0 : System.nanoTime() - start;
        Map<WeightWrite, Planned> byWrite = new HashMap<>();
        plan.writes().forEach(p -> byWrite.put(p.write(), p));
        int written = 0;
        int failed = 0;
        for (WriteResult r : results) {
            if (r.succeeded()) {
                written++;
                applied(byWrite.get(r.change()), now);
            } else {
                failed++;
                failures.warn(new Topic("write", r.change().target()),
                        "cannot set weight of " + r.change().target() + " to " + r.change().weight() + ": " + r.error());
            }
        }
        return new Written(written, failed, nanos, late);
    }

    /**
     * With {@code write-delay}, waits for the cycle's aligned moment (its instant plus the delay), so
     * that every director changes its table at the same time and they never show different weights
     * for longer than their clocks differ. Returns how late that moment was already passed: a cycle
     * whose read and polls overran it writes at once, and says so.
     */
    private long awaitWriteMoment(BridgeConfig cfg, long instant) {
        if (cfg.writeDelayMillis() == 0) {
            return 0;
        }
        long now = wall.millis();
        long moment = instant + cfg.writeDelayMillis();
        long late = now - moment;
        if (late > 0) {
            failures.warn("write-late", "this cycle's writes went out " + late + " ms after their aligned moment"
                    + " (its instant + write-delay " + cfg.writeDelayMillis() + " ms): the directors' tables differed"
                    + " meanwhile; the read or the polls take too long for write-delay or poll-interval");
            return late;
        }
        try {
            // Never longer than the delay: a clock stepped back during the cycle must not hold the
            // batch (and the next cycles) for as long as the step.
            wall.sleepUntil(Math.min(moment, now + cfg.writeDelayMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: write now rather than lose the decision
        }
        return 0;
    }

    /**
     * The planned writes still based on what the kernel has. Polling takes up to poll-timeout after
     * the read, and a weight another party wrote meanwhile (a health checker's quiesce) must win
     * by the usual rules instead of being overwritten: so the services about to be written are
     * read again (one dump each) and a destination whose weight moved is observed, not written.
     */
    private Rechecked recheck(Plan plan) {
        Map<ServiceKey, List<Planned>> byService = new LinkedHashMap<>();
        for (Planned p : plan.writes()) {
            byService.computeIfAbsent(p.write().service(), k -> new ArrayList<>()).add(p);
        }
        Rechecked out = new Rechecked(new ArrayList<>(), new ArrayList<>());
        byService.forEach((service, planned) -> recheck(service, planned, out));
        return out;
    }

    /** A service that cannot be read again is not written this cycle: its changes fail. */
    private void recheck(ServiceKey service, List<Planned> planned, Rechecked out) {
        Map<DestinationKey, Integer> weights = new HashMap<>();
        try {
            table.destinations(service).forEach(d -> weights.put(d.key(), d.weight()));
        } catch (IpvsException | RuntimeException e) {
            planned.forEach(p -> out.failed().add(WriteResult.failed(p.write(),
                    "not written, the service could not be read again first: " + e.getMessage())));
            return;
        }
        for (Planned p : planned) {
            Integer weight = weights.get(p.write().destination());
            if (weight == null) {
                continue; // removed meanwhile: the next read forgets it, nothing to write
            }
            if (weight != p.destination().kernelWeight()) {
                String event = p.destination().observeKernel(weight);
                LOG.info("{}: {} (during this cycle; its change to {} is not written)", p.write().target(), event,
                        p.write().weight());
                state.changed();
                continue;
            }
            out.current().add(p);
        }
    }

    private void applied(Planned p, long now) {
        DestinationState d = p.destination();
        Decision dec = p.decision();
        LOG.info("{}: weight {} -> {}: {}", p.write().target(), dec.current(), dec.weight(), dec.reason());
        int from = d.kernelWeight();
        d.applied(dec.weight(), dec.reason(), now);
        state.changed();
        listeners.forEach(l -> l.weightWritten(d, from, dec.weight(), dec.reason()));
        failures.clear(new Topic("write", p.write().target()));
    }

    private int destinationCount() {
        int count = 0;
        for (ServiceState s : services()) {
            count += s.destinations().size();
        }
        return count;
    }

    /** Dry run or paused: says once per distinct decision what would have been written. */
    private void showUnwritten(Plan plan) {
        String mode = paused ? "paused" : "dry run";
        for (Planned p : plan.writes()) {
            Decision dec = p.decision();
            String line = "weight " + dec.current() + " -> " + dec.weight() + ": " + dec.reason();
            if (p.destination().unwrittenChanged(line)) {
                LOG.info("{}, not written: {}: {}", mode, p.write().target(), line);
            }
        }
    }

    /** The batch's results; a batch the table refused as a whole fails every change in it. */
    private List<WriteResult> send(List<WeightWrite> writes) {
        try {
            List<WriteResult> results = table.write(writes);
            failures.clear("write-batch");
            return results;
        } catch (IpvsException | RuntimeException e) {
            failures.warn("write-batch", "cannot write " + writes.size() + " weight(s) to IPVS: " + e.getMessage());
            List<WriteResult> failed = new ArrayList<>();
            writes.forEach(w -> failed.add(WriteResult.failed(w, e.getMessage())));
            return failed;
        }
    }

    private CycleStats publish(CycleStats s) {
        for (EngineListener l : listeners) {
            try {
                l.cycleDone(s);
            } catch (RuntimeException e) {
                failures.warn("listener", "listener failed: " + e);
            }
        }
        return s;
    }

    /** Follows the kernel: new services and destinations appear, vanished ones are forgotten. */
    private void follow(TableSnapshot snapshot, BridgeConfig cfg) {
        Set<ServiceKey> seenServices = new HashSet<>();
        for (ServiceEntry entry : snapshot.services()) {
            if (!cfg.manages(entry.key())) {
                continue;
            }
            seenServices.add(entry.key());
            ServiceState s = services.get(entry.key());
            if (s == null) {
                s = new ServiceState(entry.key(), entry.scheduler());
                services.put(entry.key(), s);
                LOG.info("{}: managing service (scheduler {}, {} destination(s))", entry.key(), entry.scheduler(),
                        entry.destinations().size());
                ServiceState added = s;
                listeners.forEach(l -> l.serviceAdded(added));
            }
            s.scheduler(entry.scheduler());
            if (entry.schedulerIgnoresWeights() && s.firstSchedulerWarning()) {
                LOG.warn("{}: scheduler '{}' ignores weights (only 0 matters): dynamic weights have no effect;"
                        + " use wrr, wlc, sed, nq or mh", entry.key(), entry.scheduler());
            }
            if (s.zeroWeightRefuses(entry.zeroWeightRefusesConnections())) {
                LOG.warn("{}: scheduler '{}' without {}-fallback: a destination at weight 0 (drained, in maintenance,"
                        + " quiesced) keeps its hash slots and the kernel refuses the new connections that hash there;"
                        + " add the flag (ipvsadm -E ... -b {}-fallback) so they go to the next destination",
                        entry.key(), entry.scheduler(), entry.scheduler(), entry.scheduler());
            }
            followDestinations(s, entry, cfg);
        }
        for (ServiceState gone : services()) {
            if (!seenServices.contains(gone.key())) {
                services.remove(gone.key());
                LOG.info("{}: no longer managed (removed from IPVS or from 'services')", gone.key());
                for (DestinationState d : gone.destinations()) {
                    listeners.forEach(l -> l.destinationRemoved(gone, d));
                }
                listeners.forEach(l -> l.serviceRemoved(gone));
            }
        }
    }

    private void followDestinations(ServiceState s, ServiceEntry entry, BridgeConfig cfg) {
        ServiceSettings settings = cfg.service(s.key());
        Set<DestinationKey> seen = new HashSet<>();
        Map<DestinationKey, DestinationState> map = s.destinationMap();
        for (DestinationEntry e : entry.destinations()) {
            seen.add(e.key());
            Integer configuredBase = cfg.destination(e.key()).baseWeight() != null
                    ? cfg.destination(e.key()).baseWeight() : settings.baseWeight();
            DestinationState d = map.get(e.key());
            if (d == null) {
                Remembered r = state.take(cfg, new ServiceDestination(s.key(), e.key()));
                d = new DestinationState(s.key(), e.key(), e.weight(), configuredBase, r);
                state.changed();
                map.put(e.key(), d);
                LOG.info("{} {}: new destination, weight {} in the kernel{}", s.key(), e.key(), e.weight(), zeroOrigin(d));
                DestinationState added = d;
                listeners.forEach(l -> l.destinationAdded(s, added));
                continue;
            }
            d.configuredBase(configuredBase);
            String external = d.observeKernel(e.weight());
            if (external != null) {
                LOG.info("{} {}: {}", s.key(), e.key(), external);
                state.changed();
            }
        }
        synchronized (map) {
            List<DestinationState> gone = new ArrayList<>();
            for (DestinationState d : map.values()) {
                if (!seen.contains(d.key())) {
                    gone.add(d);
                }
            }
            for (DestinationState d : gone) {
                map.remove(d.key());
                state.changed();
                LOG.info("{} {}: destination removed from IPVS by another party; forgotten", s.key(), d.key());
                listeners.forEach(l -> l.destinationRemoved(s, d));
            }
        }
    }

    /** Whose a 0 found on first sight is: the state file may say it was this bridge's own drain. */
    private static String zeroOrigin(DestinationState d) {
        if (d.kernelWeight() != 0) {
            return "";
        }
        return d.quiesced() ? " (0: treated as quiesced by another party until it writes a weight)"
                : " (0: this bridge's own drain, as its state file says)";
    }

    private void absorb(DestinationState d, AgentMapping.Picked picked, BridgeConfig cfg, long now, long instant) {
        PollOutcome o = picked.outcome();
        d.agent(picked.agent());
        if (o != null && o.succeeded()) {
            d.reportReceived(o.report(), o.authenticated(), now, cfg.service(d.serviceKey()).policy().staleAfterMillis(),
                    instant);
            failures.clear(new Topic("poll", d.key()));
        } else {
            String error = o == null ? "not polled" : o.error();
            d.pollFailed(error, o != null && o.unanswered());
            failures.warn(new Topic("poll", d.key()), d.serviceKey() + " " + d.key() + ": poll failed: " + error);
        }
    }

    /** Names a failure in the rate-limited log: what failed, and for which destination. */
    private record Topic(String kind, Object subject) {}
}
