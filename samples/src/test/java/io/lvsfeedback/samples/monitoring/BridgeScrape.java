package io.lvsfeedback.samples.monitoring;

import static org.awaitility.Awaitility.await;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.bridge.engine.BridgeEngine;
import io.lvsfeedback.bridge.http.BridgeMonitoring;
import io.lvsfeedback.bridge.ipvs.DestinationEntry;
import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.bridge.ipvs.IpvsTable;
import io.lvsfeedback.bridge.ipvs.ServiceEntry;
import io.lvsfeedback.bridge.ipvs.TableSnapshot;
import io.lvsfeedback.bridge.ipvs.WeightWrite;
import io.lvsfeedback.bridge.ipvs.WriteResult;
import io.lvsfeedback.bridge.poll.AgentPoller;
import io.lvsfeedback.bridge.poll.PollOutcome;
import io.lvsfeedback.bridge.poll.PollRequest;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real bridge engine and its real meters (the bridge's {@link BridgeMonitoring}) over a small
 * in-memory IPVS table, run a few cycles with one agent ready, one draining and one silent, then
 * scraped (after a garbage collection, which some JVM meters wait for): the metric names a
 * dashboard or an alert may use.
 */
final class BridgeScrape {
    private BridgeScrape() {}

    static String scrape() throws Exception {
        ServiceKey service = ServiceKey.parse("tcp:10.0.0.10:80");
        Map<DestinationKey, Integer> weights = new LinkedHashMap<>();
        weights.put(DestinationKey.parse("10.0.0.1:80"), 100);
        weights.put(DestinationKey.parse("10.0.0.2:80"), 100);
        weights.put(DestinationKey.parse("10.0.0.3:80"), 100);
        Map<String, FeedbackReport> reports = Map.of(
                "10.0.0.1:3333", FeedbackReport.builder().signal("capacity", 300).signal("util", 0.5).ports(List.of(80)).build(),
                "10.0.0.2:3333", FeedbackReport.builder().state(AdminState.DRAIN).ports(List.of(80)).build());
        IpvsTable table = new IpvsTable() {
            @Override
            public TableSnapshot read() {
                List<DestinationEntry> ds = new ArrayList<>();
                weights.forEach((k, w) -> ds.add(new DestinationEntry(k, w, 0)));
                return new TableSnapshot(List.of(new ServiceEntry(service, "wlc", ds)));
            }

            @Override
            public List<DestinationEntry> destinations(ServiceKey s) {
                return read().services().get(0).destinations();
            }

            @Override
            public List<WriteResult> write(List<WeightWrite> changes) {
                List<WriteResult> out = new ArrayList<>();
                for (WeightWrite w : changes) {
                    weights.put(w.destination(), w.weight());
                    out.add(WriteResult.ok(w));
                }
                return out;
            }

            @Override
            public void close() {}
        };
        AgentPoller poller = new AgentPoller() {
            @Override
            public Map<PollRequest, PollOutcome> pollAll(Collection<PollRequest> requests, long timeoutMillis) {
                Map<PollRequest, PollOutcome> out = new HashMap<>();
                for (PollRequest r : requests) {
                    String agent = r.agent().getAddress().getHostAddress() + ":" + r.agent().getPort();
                    FeedbackReport rep = reports.get(agent);
                    out.put(r, rep == null ? PollOutcome.failure("refused", 1_000_000) : PollOutcome.report(rep, true, 1_000_000));
                }
                return out;
            }

            @Override
            public void close() {}
        };
        AtomicLong clock = new AtomicLong(1_000_000);
        BridgeConfig config = BridgeConfig.parse(Map.of("allow-unauthenticated", "true", "blackout", "0s",
                "state-file", BridgeConfig.NO_STATE_FILE));
        BridgeEngine engine = new BridgeEngine(table, poller, clock::get, config);
        try (BridgeMonitoring monitoring = BridgeMonitoring.attach(engine, clock::get)) {
            for (int i = 0; i < 3; i++) {
                engine.cycle();
                clock.addAndGet(500);
            }
            // jvm_gc_pause_seconds appears with the first collection the binder hears of (asynchronously)
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                System.gc();
                return monitoring.registry().scrape().contains("jvm_gc_pause_seconds_count");
            });
            return monitoring.registry().scrape();
        }
    }

    /** The names of every sample in a Prometheus text exposition ({@code x_bucket}, {@code x_count} ...). */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
