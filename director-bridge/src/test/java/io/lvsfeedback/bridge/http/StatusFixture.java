package io.lvsfeedback.bridge.http;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.bridge.config.ConfigException;
import io.lvsfeedback.bridge.engine.BridgeEngine;
import io.lvsfeedback.bridge.engine.DestinationState;
import io.lvsfeedback.bridge.engine.FakeIpvsTable;
import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.bridge.ipvs.Endpoints;
import io.lvsfeedback.bridge.poll.AgentPoller;
import io.lvsfeedback.bridge.poll.PollOutcome;
import io.lvsfeedback.bridge.poll.PollRequest;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real {@link BridgeEngine} over an in-memory IPVS table, with agents answering from a map
 * (agent {@code ip:3333} -> report) and a clock the test moves; its monitoring attached.
 */
final class StatusFixture implements AutoCloseable {
    static final long POLL_MILLIS = 500;
    final FakeIpvsTable table;
    final Map<String, FeedbackReport> reports = new ConcurrentHashMap<>();
    final AtomicLong clock = new AtomicLong(5_000_000);
    final BridgeEngine engine;
    final BridgeMonitoring monitoring;

    StatusFixture(FakeIpvsTable table) {
        this.table = table;
        this.engine = new BridgeEngine(table, new MapPoller(), clock::get, config());
        this.monitoring = BridgeMonitoring.attach(engine, clock::get);
    }

    private static BridgeConfig config() {
        Map<String, String> m = new HashMap<>(Map.of("allow-unauthenticated", "true", "blackout", "0s",
                "stale-after", "3s", "max-step-percent", "100", "weight-levels", "0", "state-file", BridgeConfig.NO_STATE_FILE,
                "poll-interval", POLL_MILLIS + "ms", "poll-timeout", "400ms"));
        try {
            return BridgeConfig.parse(m);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs cycles, one poll interval apart on the fixture's clock. */
    void cycles(int n) {
        for (int i = 0; i < n; i++) {
            engine.cycle();
            clock.addAndGet(POLL_MILLIS);
        }
    }

    DestinationState dest(String service, String destination) {
        return engine.service(ServiceKey.parse(service)).destination(DestinationKey.parse(destination));
    }

    StatusPage page() {
        return new StatusPage(engine, monitoring.history());
    }

    StatusJson json() {
        return new StatusJson(engine, monitoring.history());
    }

    @Override
    public void close() {
        monitoring.close();
    }

    private final class MapPoller implements AgentPoller {
        @Override
        public Map<PollRequest, PollOutcome> pollAll(Collection<PollRequest> requests, long timeoutMillis) {
            Map<PollRequest, PollOutcome> out = new HashMap<>();
            for (PollRequest r : requests) {
                FeedbackReport rep = reports.get(Endpoints.format(r.agent()));
                out.put(r, rep == null ? PollOutcome.failure(Endpoints.format(r.agent()) + ": connecting: Connection refused", 1_000_000)
                        : PollOutcome.report(rep, true, 1_000_000));
            }
            return out;
        }

        @Override
        public void close() {}
    }

    static FeedbackReport ready(double capacity, double util) {
        return FeedbackReport.builder().signal("capacity", capacity).signal("util", util).ports(List.of(80))
                .source("requests:micrometer,pool:jetty").build();
    }
}
