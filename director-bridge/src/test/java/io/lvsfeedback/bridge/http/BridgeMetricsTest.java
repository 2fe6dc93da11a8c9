package io.lvsfeedback.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bridge.engine.CycleStats;
import io.lvsfeedback.bridge.engine.FakeIpvsTable;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What /metrics says about a weight, read from a real scrape of a real engine's meters. */
class BridgeMetricsTest {
    static final String WEB = "tcp:10.0.0.10:80";
    static final String TAGS = "destination=\"10.0.0.1:80\",service=\"tcp:10.0.0.10:80\"";
    final FakeIpvsTable table = new FakeIpvsTable().service(WEB, "wlc").dest(WEB, "10.0.0.1:80", 100).dest(WEB, "10.0.0.2:80", 100);
    final StatusFixture f = new StatusFixture(table);

    @AfterEach
    void close() {
        f.close();
    }

    String scrape() {
        return f.monitoring.registry().scrape();
    }

    @Test
    void explainsEachWeightWithCapacityUtilizationStateAgeAndCause() {
        f.reports.put("10.0.0.1:3333", StatusFixture.ready(300, 0.25));
        f.cycles(3);
        assertThat(scrape()).contains(
                "lvsfeedback_bridge_capacity_requests_per_second{" + TAGS + "} 300.0",
                "lvsfeedback_bridge_utilization_ratio{" + TAGS + "} 0.25",
                "lvsfeedback_bridge_agent_state{" + TAGS + ",state=\"ready\"} 1",
                "lvsfeedback_bridge_weight_cause{cause=\"load\"," + TAGS + "} 1",
                "lvsfeedback_bridge_report_age_seconds{" + TAGS + "} 0.5",
                "lvsfeedback_bridge_agent_state{destination=\"10.0.0.2:80\",service=\"tcp:10.0.0.10:80\",state=\"unknown\"} 1",
                "lvsfeedback_bridge_service_destinations{service=\"tcp:10.0.0.10:80\"} 2.0",
                "lvsfeedback_bridge_service_ready_destinations{service=\"tcp:10.0.0.10:80\"} 1.0");
    }

    @Test
    void stateAndCauseKeepOneSeriesPerDestination() {
        f.reports.put("10.0.0.1:3333", StatusFixture.ready(300, 0.25));
        f.cycles(2);
        f.reports.put("10.0.0.1:3333", FeedbackReport.builder().state(AdminState.DRAIN).ports(List.of(80)).build());
        f.cycles(2);
        String m = scrape();
        assertThat(m).contains("lvsfeedback_bridge_agent_state{" + TAGS + ",state=\"drain\"} 1",
                        "lvsfeedback_bridge_weight_cause{cause=\"agent_zero\"," + TAGS + "} 1",
                        "lvsfeedback_bridge_weight{destination=\"10.0.0.1:80\",kind=\"applied\",service=\"tcp:10.0.0.10:80\"} 0.0")
                .doesNotContain("state=\"ready\"").doesNotContain("cause=\"load\"");
    }

    @Test
    void forgetsTheSeriesOfADestinationThatIsGone() {
        f.cycles(1);
        table.removeDest(WEB, "10.0.0.2:80");
        f.cycles(1);
        assertThat(scrape()).doesNotContain("10.0.0.2:80").contains("10.0.0.1:80");
    }

    @Test
    void buildInfoAndTheJvmBindersAndTheOlderNamesStay() {
        f.cycles(1);
        assertThat(scrape()).contains("lvsfeedback_bridge_build_info{java_version=\"" + System.getProperty("java.version")
                        + "\",version=\"" + BuildInfo.version() + "\"} 1")
                .contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads ", "process_cpu_usage ",
                        "process_uptime_seconds ", "process_files_open_files ", "system_cpu_count ")
                // the names of earlier versions (README) are unchanged
                .contains("lvsfeedback_bridge_weight{", "lvsfeedback_bridge_report_age_seconds{",
                        "lvsfeedback_bridge_poll_latency_seconds_bucket{", "lvsfeedback_bridge_polls_total{result=\"ok\"}",
                        "lvsfeedback_bridge_ipvs_read_seconds_count ", "lvsfeedback_bridge_ipvs_write_seconds_count ",
                        "lvsfeedback_bridge_weight_writes_total ", "lvsfeedback_bridge_weight_write_failures_total ",
                        "lvsfeedback_bridge_ipvs_read_failures_total ", "lvsfeedback_bridge_cycle_seconds_count ");
        assertThat(BuildInfo.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    /** write-delay: a batch that went out after its aligned moment is counted, one on time is not. */
    @Test
    void lateWriteBatchesAreCounted() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BridgeMetrics metrics = new BridgeMetrics(registry, () -> 0L);
        metrics.cycleDone(CycleStats.builder().polls(0, 0, new long[0]).writeLateMillis(0).build());
        assertThat(registry.scrape()).contains("lvsfeedback_bridge_weight_write_late_total 0.0");
        metrics.cycleDone(CycleStats.builder().polls(0, 0, new long[0]).writes(2, 0, 1000).writeLateMillis(150).build());
        metrics.cycleDone(CycleStats.builder().polls(0, 0, new long[0]).writes(1, 0, 1000).build());
        assertThat(registry.scrape()).contains("lvsfeedback_bridge_weight_write_late_total 1.0");
    }
}
