package io.lvsfeedback.bridge.http;

import io.lvsfeedback.bridge.engine.ClockSource;
import io.lvsfeedback.bridge.engine.CycleStats;
import io.lvsfeedback.bridge.engine.DestinationState;
import io.lvsfeedback.bridge.engine.EngineListener;
import io.lvsfeedback.bridge.engine.ServiceState;
import io.lvsfeedback.bridge.policy.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of the bridge: per-destination weights and report age, poll latency and
 * failures, IPVS read and write latency, weight changes. Per-destination meters are removed when
 * the destination goes away, so a long-running bridge does not leak series.
 */
public final class BridgeMetrics implements EngineListener {
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
    private final Timer cycle;
    private final Map<DestinationState, List<Meter>> perDestination = new ConcurrentHashMap<>();

    public BridgeMetrics(MeterRegistry registry, ClockSource clock) {
        this.registry = registry;
        this.clock = clock;
        pollLatency = Timer.builder("lvsfeedback.bridge.poll.latency").description("agent poll, connect to decoded reply")
                .publishPercentileHistogram().register(registry);
        pollsOk = Counter.builder("lvsfeedback.bridge.polls").tag("result", "ok").register(registry);
        pollsFailed = Counter.builder("lvsfeedback.bridge.polls").tag("result", "failed").register(registry);
        ipvsRead = Timer.builder("lvsfeedback.bridge.ipvs.read").description("reading the IPVS table").register(registry);
        ipvsWrite = Timer.builder("lvsfeedback.bridge.ipvs.write").description("one batch of weight writes").register(registry);
        readFailures = Counter.builder("lvsfeedback.bridge.ipvs.read.failures").register(registry);
        weightWrites = Counter.builder("lvsfeedback.bridge.weight.writes").register(registry);
        writeFailures = Counter.builder("lvsfeedback.bridge.weight.write.failures").register(registry);
        cycle = Timer.builder("lvsfeedback.bridge.cycle").description("read, poll, decide, write").register(registry);
    }

    @Override
    public void destinationAdded(ServiceState service, DestinationState d) {
        Tags tags = Tags.of("service", service.key().toString(), "destination", d.key().toString());
        List<Meter> meters = new ArrayList<>();
        meters.add(Gauge.builder("lvsfeedback.bridge.weight", d, DestinationState::kernelWeight)
                .tags(tags).tag("kind", "applied").register(registry));
        meters.add(Gauge.builder("lvsfeedback.bridge.weight", d, DestinationState::baseWeight)
                .tags(tags).tag("kind", "base").register(registry));
        meters.add(Gauge.builder("lvsfeedback.bridge.weight", d, BridgeMetrics::target)
                .tags(tags).tag("kind", "target").register(registry));
        meters.add(Gauge.builder("lvsfeedback.bridge.report.age", d, x -> reportAgeSeconds(x))
                .tags(tags).baseUnit("seconds").register(registry));
        perDestination.put(d, meters);
    }

    private static double target(DestinationState d) {
        Decision dec = d.lastDecision();
        return dec == null ? d.kernelWeight() : dec.target();
    }

    private double reportAgeSeconds(DestinationState d) {
        long age = d.reportAgeMillis(clock.millis());
        return age < 0 ? Double.NaN : age / 1000.0;
    }

    @Override
    public void destinationRemoved(ServiceState service, DestinationState d) {
        List<Meter> meters = perDestination.remove(d);
        if (meters != null) {
            meters.forEach(registry::remove);
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
        cycle.record(s.cycleNanos(), TimeUnit.NANOSECONDS);
    }
}
