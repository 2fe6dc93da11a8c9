package io.lvsfeedback.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Spring Boot sample's fat jar started by samples/bin/start-spring-boot-app with the agent, in
 * one child JVM on loopback: it answers like the Jetty sample, the agent measures real traffic from
 * Tomcat's own MBeans, and samples/jmxterm's scripts (agent-report, agent-drain, agent-resume,
 * app-cost, app-reset) work on it unchanged over remote JMX. The steps share the JVM, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpringBootSampleTest {
    static final String NAME = "boot1";
    static final int CLIENTS = 8;
    static final long LATENCY_MS = 50;
    /** Boot's defaults, untouched: the requests and the pool from Tomcat (the agent enables its MBeans). */
    static final String SOURCE = "requests:tomcat,pool:tomcat";

    static SampleJvm app;
    static String jmx;

    @BeforeAll
    static void startTheFatJarWithTheAgent() throws Exception {
        app = SampleJvm.start(new SampleJvm.Launch(List.of(), NAME, "127.0.0.1", "127.0.0.1", SampleJvm.freePort(),
                SampleJvm.freePort(), SampleJvm.freePort(), "bind=127.0.0.1,sample-interval=250ms,smoothing=1s", false,
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1")));
        double seconds = app.awaitHttp(Duration.ofSeconds(180));
        System.out.printf("Spring Boot sample answering %.1f s after the launch%n", seconds);
        jmx = "127.0.0.1:" + app.launch.jmxPort();
    }

    /** The agent's beans are named after its feedback port (the scripts default to port-3333). */
    static String agentBean() {
        return "AGENT=port-" + app.launch.agentPort();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void answersLikeTheJettySample() throws Exception {
        assertThat(app.get("/").body()).isEqualTo("server=" + NAME + "\n");
        assertThat(app.get("/work").body()).isEqualTo("server=" + NAME + " work=done cpu-ms=0 latency-ms=0 error-rate=0.0\n");
        HttpResponse<String> bad = app.post("/admin/cost?latency-ms=abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("latency-ms");
        assertThat(app.get("/admin/cost").body()).as("nothing changed").isEqualTo("cpu-ms=0 latency-ms=0 error-rate=0.0\n");
        assertThat(app.post("/admin/cost?error-rate=1").body()).isEqualTo("cpu-ms=0 latency-ms=0 error-rate=1.0\n");
        HttpResponse<String> failing = app.get("/work");
        assertThat(failing.statusCode()).isEqualTo(500);
        assertThat(failing.body()).isEqualTo("server=" + NAME + " error=injected\n");
        assertThat(app.post("/admin/cost?reset=true").body()).isEqualTo("cpu-ms=0 latency-ms=0 error-rate=0.0\n");
    }

    @Test
    @Order(2)
    void appCostScriptSlowsTheWorkAndTheAgentMeasuresTheTraffic() throws Exception {
        String cost = JmxtermScripts.run(jmx, "app-cost", "CPU_MS=0", "LATENCY_MS=" + LATENCY_MS, "ERROR_RATE=0");
        assertThat(cost).contains("latency-ms=" + LATENCY_MS);
        assertThat(app.get("/admin/cost").body()).isEqualTo("cpu-ms=0 latency-ms=" + LATENCY_MS + " error-rate=0.0\n");

        AtomicReference<FeedbackReport> last = new AtomicReference<>();
        try (ClosedLoopClients clients = new ClosedLoopClients(app.uri("/work"), CLIENTS, 60_000)) {
            // the first reports after the start of the traffic still average in the idle time
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(java.io.IOException.class)
                    .until(() -> app.report(null).signal(Signals.REQUESTS_PER_SECOND) > 0);
            clients.rateSinceLastCall();
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                FeedbackReport r = app.report(null);
                last.set(r);
                double rate = clients.rateSinceLastCall();
                double ideal = r.signal(Signals.POOL_MAX) / (LATENCY_MS / 1000.0);
                String what = r + " client rate " + rate + ", pool_max / service time " + ideal;
                assertThat(r.source()).as(what).isEqualTo(SOURCE);
                assertThat(r.signal(Signals.REQUESTS_PER_SECOND)).as(what).isBetween(rate * 0.6, rate * 1.4);
                assertThat(r.signal(Signals.UTILIZATION)).as(what).isPositive();
                assertThat(r.signal(Signals.POOL_MAX)).as("Tomcat's default maxThreads: %s", what).isEqualTo(200);
                assertThat(r.signal(Signals.CAPACITY)).as(what).isBetween(ideal / 2, ideal * 2);
            });
            assertThat(clients.failed()).as("failed requests%s", app.output()).isZero();
            assertThat(clients.lastBody()).isEqualTo("server=" + NAME + " work=done cpu-ms=0 latency-ms=" + LATENCY_MS
                    + " error-rate=0.0\n");
        }
        System.out.println("Spring Boot sample under traffic: " + last.get());
    }

    @Test
    @Order(3)
    void appResetScriptRemovesTheCost() throws Exception {
        assertThat(JmxtermScripts.run(jmx, "app-reset")).contains("cpu-ms=0 latency-ms=0 error-rate=0.0");
        assertThat(app.get("/admin/cost").body()).isEqualTo("cpu-ms=0 latency-ms=0 error-rate=0.0\n");
    }

    @Test
    @Order(4)
    void agentScriptsShowTheReportDrainAndResume() throws Exception {
        String report = JmxtermScripts.run(jmx, "agent-report", agentBean());
        assertThat(report).contains("ready").contains("source=" + SOURCE);

        assertThat(JmxtermScripts.run(jmx, "agent-drain", agentBean())).contains("drain");
        awaitState(AdminState.DRAIN);
        assertThat(app.get("/").statusCode()).as("a drain stops no request").isEqualTo(200);

        assertThat(JmxtermScripts.run(jmx, "agent-resume", agentBean())).contains("ready");
        awaitState(AdminState.READY);
    }

    /** The feedback port (what the bridge reads) follows within a sample interval or two. */
    private static void awaitState(AdminState state) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(app.report(null).state()).isEqualTo(state));
    }
}
