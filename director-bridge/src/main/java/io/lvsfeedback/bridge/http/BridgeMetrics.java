package io.lvsfeedback.bridge.http;

import io.lvsfeedback.bridge.engine.ClockSource;
import io.lvsfeedback.bridge.engine.CycleStats;
import io.lvsfeedback.bridge.engine.DestinationState;
import io.lvsfeedback.bridge.engine.EngineListener;
import io.lvsfeedback.bridge.engine.ServiceState;
import io.lvsfeedback.bridge.policy.Decision;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of the bridge: per destination the weights and what they are made of
 * (capacity, utilization, agent state, report age, the decision's cause), per service its
 * destination counts, and the bridge's own work (polls, IPVS reads and writes, cycles). Meters of
 * a destination or service are removed when it goes away, so a long-running bridge leaks no series.
 *
 * <p>State and cause are one series each per destination, labelled with the current value
 * (value 1): when the value changes, the old series goes and the new one comes, so their
 * cardinality stays one per destination.
 */
public final class BridgeMetrics implements EngineListener {
    static final String STATE = "lvsfeedback.bridge.agent.state";
    static final String CAUSE = "lvsfeedback.bridge.weight.cause";

    private final MeterRegistry registry;
    private final ClockSource clock;
    private final Timer pollLatency;
    private final Counter pollsOk;
    private final Counter pollsFailed;
    private final Timer ipvsRead;
    private final Timer ipvsWrite;
    private final Counter readFailures;
    private final Counter weightWrites;
    private final Counter writeFailures;
    private final Counter lateWrites;
    private final Timer cycle;
    private final Map<DestinationState, DestinationMeters> perDestination = new ConcurrentHashMap<>();
    private final Map<ServiceState, List<Meter>> perService = new ConcurrentHashMap<>();

    public BridgeMetrics(MeterRegistry registry, ClockSource clock) {
        this.registry = registry;
        this.clock = clock;
        pollLatency = Timer.builder("lvsfeedback.bridge.poll.latency").description("agent poll, connect to decoded reply")
                .publishPercentileHistogram().register(registry);
        pollsOk = Counter.builder("lvsfeedback.bridge.polls").description("agent polls by result").tag("result", "ok").register(registry);
        pollsFailed = Counter.builder("lvsfeedback.bridge.polls").description("agent polls by result").tag("result", "failed").register(registry);
        ipvsRead = Timer.builder("lvsfeedback.bridge.ipvs.read").description("reading the IPVS table").register(registry);
        ipvsWrite = Timer.builder("lvsfeedback.bridge.ipvs.write").description("one batch of weight writes").register(registry);
        readFailures = Counter.builder("lvsfeedback.bridge.ipvs.read.failures").description("IPVS table reads that failed").register(registry);
        weightWrites = Counter.builder("lvsfeedback.bridge.weight.writes").description("weights written to IPVS").register(registry);
        writeFailures = Counter.builder("lvsfeedback.bridge.weight.write.failures").description("weight writes IPVS refused").register(registry);
        lateWrites = Counter.builder("lvsfeedback.bridge.weight.write.late")
                .description("write batches that went out after their aligned moment (write-delay): the directors differed meanwhile")
                .register(registry);
        cycle = Timer.builder("lvsfeedback.bridge.cycle").description("read, poll, decide, write").register(registry);
    }

    @Override
    public void serviceAdded(ServiceState s) {
        Tags tags = Tags.of("service", s.key().toString());
        List<Meter> meters = List.of(
                Gauge.builder("lvsfeedback.bridge.service.destinations", s, x -> x.destinations().size())
                        .description("destinations of the service in IPVS").tags(tags).register(registry),
                Gauge.builder("lvsfeedback.bridge.service.ready.destinations", s, BridgeMetrics::ready)
                        .description("destinations whose agent's last report said ready").tags(tags).register(registry),
                Gauge.builder("lvsfeedback.bridge.service.serving.destinations", s, BridgeMetrics::serving)
                        .description("destinations with a weight above 0 in IPVS").tags(tags).register(registry));
        perService.put(s, meters);
    }

    @Override
    public void serviceRemoved(ServiceState s) {
        List<Meter> meters = perService.remove(s);
        if (meters != null) {
            meters.forEach(registry::remove);
        }
    }

    @Override
    public void destinationAdded(ServiceState service, DestinationState d) {
        Tags tags = Tags.of("service", service.key().toString(), "destination", d.key().toString());
        List<Meter> meters = new ArrayList<>();
        meters.add(Gauge.builder("lvsfeedback.bridge.weight", d, DestinationState::kernelWeight)
                .description("weights: the operator's base, the policy's target, the kernel's applied")
                .tags(tags).tag("kind", "applied").register(registry));
        meters.add(Gauge.builder("lvsfeedback.bridge.weight", d, DestinationState::baseWeight)
                .tags(tags).tag("kind", "base").register(registry));
        meters.add(Gauge.builder("lvsfeedback.bridge.weight", d, BridgeMetrics::target)
                .tags(tags).tag("kind", "target").register(registry));
        meters.add(Gauge.builder("lvsfeedback.bridge.report.age", d, this::reportAgeSeconds)
                .description("time since the agent's last good report (NaN before the first)")
                .tags(tags).baseUnit("seconds").register(registry));
        meters.add(Gauge.builder("lvsfeedback.bridge.capacity.requests.per.second", d, x -> signal(x, Signals.CAPACITY))
                .description("the agent's capacity estimate (NaN when not reported)").tags(tags).register(registry));
        meters.add(Gauge.builder("lvsfeedback.bridge.utilization.ratio", d, x -> signal(x, Signals.UTILIZATION))
                .description("the agent's utilization, 1 = fully busy (NaN when not reported)").tags(tags).register(registry));
        DestinationMeters m = new DestinationMeters(tags, meters);
        perDestination.put(d, m);
        m.update(d);
    }

    @Override
    public void destinationRemoved(ServiceState service, DestinationState d) {
        DestinationMeters m = perDestination.remove(d);
        if (m != null) {
            m.removeAll();
        }
    }

    @Override
    public void cycleDone(CycleStats s) {
        for (long l : s.pollLatencies()) {
            pollLatency.record(l, TimeUnit.NANOSECONDS);
        }
        pollsOk.increment(s.polls() - s.pollFailures());
        pollsFailed.increment(s.pollFailures());
        if (s.readFailed()) {
            readFailures.increment();
        } else {
            ipvsRead.record(s.readNanos(), TimeUnit.NANOSECONDS);
        }
        if (s.writeNanos() > 0) {
            ipvsWrite.record(s.writeNanos(), TimeUnit.NANOSECONDS);
        }
        weightWrites.increment(s.writes());
        writeFailures.increment(s.writeFailures());
        if (s.writeLateMillis() > 0) {
            lateWrites.increment();
        }
        cycle.record(s.cycleNanos(), TimeUnit.NANOSECONDS);
        perDestination.forEach((d, m) -> m.update(d));
    }

    private static double target(DestinationState d) {
        Decision dec = d.lastDecision();
        return dec == null ? d.kernelWeight() : dec.target();
    }

    private double reportAgeSeconds(DestinationState d) {
        long age = d.reportAgeMillis(clock.millis());
        return age < 0 ? Double.NaN : age / 1000.0;
    }

    private static double signal(DestinationState d, String name) {
        FeedbackReport r = d.report();
        return r == null ? Double.NaN : r.signal(name);
    }

    private static double ready(ServiceState s) {
        return s.destinations().stream().filter(d -> d.report() != null && d.report().state() == AdminState.READY).count();
    }

    private static double serving(ServiceState s) {
        return s.destinations().stream().filter(d -> d.kernelWeight() > 0).count();
    }

    /** The word of the agent's state: ready, drain, maint, down, or unknown before the first report. */
    static String stateWord(DestinationState d) {
        FeedbackReport r = d.report();
        return r == null ? "unknown" : r.state().word();
    }

    /** The decision's cause in lower case (load, stale, agent_zero, guard, override, frozen, quiesced), none before the first. */
    static String causeWord(DestinationState d) {
        Decision dec = d.lastDecision();
        return dec == null ? "none" : dec.cause().name().toLowerCase(Locale.ROOT);
    }

    /** One destination's meters; the state and cause series follow their current value. */
    private final class DestinationMeters {
        private final Tags tags;
        private final List<Meter> fixed;
        private String state;
        private Meter stateMeter;
        private String cause;
        private Meter causeMeter;

        DestinationMeters(Tags tags, List<Meter> fixed) {
            this.tags = tags;
            this.fixed = fixed;
        }

        synchronized void update(DestinationState d) {
            String s = stateWord(d);
            if (!s.equals(state)) {
                stateMeter = swap(stateMeter, STATE, "state", s, "the agent's state (value 1; the label says which)");
                state = s;
            }
            String c = causeWord(d);
            if (!c.equals(cause)) {
                causeMeter = swap(causeMeter, CAUSE, "cause", c, "why the weight is what it is (value 1; the label says why)");
                cause = c;
            }
        }

        private Meter swap(Meter old, String name, String label, String value, String description) {
            if (old != null) {
                registry.remove(old);
            }
            return Gauge.builder(name, () -> 1).description(description).tags(tags).tag(label, value).register(registry);
        }

        synchronized void removeAll() {
            fixed.forEach(registry::remove);
            if (stateMeter != null) {
                registry.remove(stateMeter);
            }
            if (causeMeter != null) {
                registry.remove(causeMeter);
            }
        }
    }
}
