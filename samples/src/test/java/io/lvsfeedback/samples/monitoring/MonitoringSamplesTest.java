package io.lvsfeedback.samples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * samples/monitoring: the Grafana dashboard and the Prometheus alert rules parse, and every
 * metric they use is one a real bridge exposes (read from a scrape of the bridge's own meters).
 */
class MonitoringSamplesTest {
    static final Path DASHBOARD = Path.of("monitoring/grafana-dashboard.json");
    static final Path ALERTS = Path.of("monitoring/prometheus-alerts.yml");
    /** Made by Prometheus itself for every target, not by the bridge. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");
    static Set<String> exposed;

    @BeforeAll
    static void scrapeARealBridge() throws Exception {
        exposed = BridgeScrape.sampleNames(BridgeScrape.scrape());
        assertThat(exposed).contains("lvsfeedback_bridge_weight", "lvsfeedback_bridge_poll_latency_seconds_bucket");
    }

    static List<String> dashboardExpressions() throws Exception {
        JsonNode d = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : d.get("panels")) {
            assertThat(panel.get("title").asText()).isNotBlank();
            for (JsonNode t : panel.get("targets")) {
                exprs.add(t.get("expr").asText());
            }
        }
        for (JsonNode v : d.get("templating").get("list")) {
            exprs.add(v.get("query").get("query").asText());
        }
        return exprs;
    }

    static JsonNode alertRules() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(ALERTS.toFile());
    }

    @Test
    void everyMetricOfTheDashboardIsExposedByTheBridge() throws Exception {
        List<String> exprs = dashboardExpressions();
        assertThat(exprs).hasSizeGreaterThan(15);
        Set<String> used = new TreeSet<>();
        exprs.forEach(e -> used.addAll(PromqlNames.of(e)));
        assertThat(used).contains("lvsfeedback_bridge_capacity_requests_per_second", "lvsfeedback_bridge_weight_cause",
                "jvm_memory_used_bytes");
        assertThat(exposed).containsAll(used);
    }

    @Test
    void everyAlertHasItsPartsAndUsesOnlyExposedMetrics() throws Exception {
        JsonNode groups = alertRules().get("groups");
        Set<String> used = new TreeSet<>();
        List<String> alerts = new ArrayList<>();
        for (JsonNode g : groups) {
            for (JsonNode r : g.get("rules")) {
                alerts.add(r.get("alert").asText());
                assertThat(r.get("labels").get("severity").asText()).isIn("warning", "critical");
                assertThat(r.get("annotations").get("summary").asText()).isNotBlank();
                if (r.has("for")) {
                    assertThat(r.get("for").asText()).matches("\\d+[smh]");
                }
                used.addAll(PromqlNames.of(r.get("expr").asText()));
            }
        }
        assertThat(alerts).contains("LvsFeedbackBridgeDown", "LvsFeedbackAgentStale", "LvsFeedbackServiceAllDrained",
                "LvsFeedbackWeightWriteFailures");
        used.removeAll(PROMETHEUS_OWN);
        assertThat(used).contains("lvsfeedback_bridge_report_age_seconds", "lvsfeedback_bridge_service_ready_destinations",
                "lvsfeedback_bridge_weight_write_failures_total");
        assertThat(exposed).containsAll(used);
    }

    @Test
    void theNameExtractionSeesThroughPromql() {
        assertThat(PromqlNames.of("histogram_quantile(0.99, sum by (le, instance) (rate(a_bucket{x=\"y z\"}[5m])))"))
                .containsExactly("a_bucket");
        assertThat(PromqlNames.of("b == 0 and c{service=~\"$service\"} > 0.5")).containsExactly("b", "c");
        assertThat(PromqlNames.of("label_values(d, service)")).containsExactly("d");
    }

    /**
     * Prometheus's own checker: {@code $PROMTOOL}, else where Debian's prometheus package puts it.
     * An assumption, not a failure, when neither is there (.ci/run does not install a Prometheus server).
     */
    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Path promtool = Path.of(System.getenv().getOrDefault("PROMTOOL", "/usr/bin/promtool"));
        assumeTrue(Files.isExecutable(promtool), "promtool not installed (apt-get install prometheus, or set PROMTOOL)");
        Process p = new ProcessBuilder(promtool.toString(), "check", "rules", ALERTS.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("SUCCESS");
    }
}
