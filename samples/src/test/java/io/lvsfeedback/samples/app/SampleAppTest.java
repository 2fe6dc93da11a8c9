package io.lvsfeedback.samples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sample application over real HTTP on loopback. */
class SampleAppTest {

    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static SimpleMeterRegistry registry;
    private static SampleApp app;

    @BeforeAll
    static void startApp() throws Exception {
        registry = new SimpleMeterRegistry();
        app = SampleApp.start(new SampleAppConfig("rs-test", "127.0.0.1", 0, 16), registry, MBEANS);
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @BeforeEach
    void healthy() {
        app.cost().reset();
    }

    @Test
    void rootIdentifiesTheServer() throws Exception {
        HttpResponse<String> response = get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("server=rs-test\n");
    }

    @Test
    void workNamesTheServerAndItsCost() throws Exception {
        HttpResponse<String> response = get("/work");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("server=rs-test work=done cpu-ms=0 latency-ms=0 error-rate=0.0\n");
    }

    @Test
    void adminEndpointChangesTheCostOfWork() throws Exception {
        long sent = System.currentTimeMillis();
        HttpResponse<String> changed = post("/admin/cost?cpu-ms=3&latency-ms=2");
        long answered = System.currentTimeMillis();
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("X-Cost-Applied-At-Ms")).as("when the change took effect")
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(sent, answered));
        assertThat(changed.body()).isEqualTo("cpu-ms=3 latency-ms=2 error-rate=0.0\n");
        assertThat(get("/admin/cost").body()).isEqualTo("cpu-ms=3 latency-ms=2 error-rate=0.0\n");
        assertThat(get("/work").body()).contains("cpu-ms=3 latency-ms=2");

        assertThat(post("/admin/cost?reset=true").body()).isEqualTo("cpu-ms=0 latency-ms=0 error-rate=0.0\n");
    }

    @Test
    void errorRateOneFailsEveryWorkRequest() throws Exception {
        post("/admin/cost?error-rate=1");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = get("/work");
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("server=rs-test error=injected\n");
        }
        assertThat(get("/").statusCode()).as("only /work carries the cost").isEqualTo(200);
    }

    @Test
    void badAdminParameterIsNamedAndChangesNothing() throws Exception {
        post("/admin/cost?latency-ms=7");

        HttpResponse<String> bad = post("/admin/cost?cpu-ms=1&error-rate=2");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("X-Cost-Applied-At-Ms")).as("nothing applied").isEmpty();
        assertThat(bad.body()).contains("error-rate").contains("2.0");

        HttpResponse<String> unknown = post("/admin/cost?speed=fast");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("'speed'");

        HttpResponse<String> notNumber = post("/admin/cost?latency-ms=soon");
        assertThat(notNumber.statusCode()).isEqualTo(400);
        assertThat(notNumber.body()).contains("latency-ms").contains("'soon'");

        assertThat(get("/admin/cost").body()).isEqualTo("cpu-ms=0 latency-ms=7 error-rate=0.0\n");
    }

    @Test
    void adminRefusesOtherMethods() throws Exception {
        HttpRequest delete = HttpRequest.newBuilder(uri("/admin/cost")).DELETE().build();
        HttpResponse<String> response = HTTP.send(delete, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void requestsAreTimedWithStatusAndOutcome() throws Exception {
        double okBefore = count("/work", "200", "SUCCESS");
        get("/work");
        get("/work");
        post("/admin/cost?error-rate=1");
        get("/work");
        get("/missing");

        // The server records a request when it completes, which may be just after the client has
        // read the answer: wait for it (bounded) rather than race it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(count("/work", "200", "SUCCESS")).isEqualTo(okBefore + 2);
            assertThat(count("/work", "500", "SERVER_ERROR")).isGreaterThanOrEqualTo(1);
            assertThat(count("NOT_FOUND", "404", "CLIENT_ERROR")).isGreaterThanOrEqualTo(1);
        });
        LongTaskTimer inFlight = registry.get(RequestMetricsHandler.IN_FLIGHT).longTaskTimer();
        await().alias("no request is in flight after the last one completed").atMost(Duration.ofSeconds(10))
                .until(() -> inFlight.activeTasks() == 0);
        Timer ok = registry.get(RequestMetricsHandler.TIMER).tags("uri", "/work", "status", "200").timer();
        assertThat(ok.takeSnapshot().percentileValues()).extracting(v -> v.percentile()).containsExactly(0.5, 0.99);
    }

    @Test
    void slowRequestIsInFlightWhileServed() throws Exception {
        post("/admin/cost?latency-ms=1500");
        LongTaskTimer inFlight = registry.get(RequestMetricsHandler.IN_FLIGHT).longTaskTimer();
        HttpRequest request = HttpRequest.newBuilder(uri("/work")).timeout(Duration.ofSeconds(20)).GET().build();
        CompletableFuture<HttpResponse<String>> pending = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());

        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.activeTasks() == 1);
        assertThat(pending.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.activeTasks() == 0);
    }

    @Test
    void workCostIsAnMXBean() throws Exception {
        ObjectName name = new ObjectName(WorkCostMXBean.OBJECT_NAME);
        MBEANS.setAttribute(name, new Attribute("LatencyMillis", 4L));
        MBEANS.setAttribute(name, new Attribute("ErrorRate", 0.25));
        assertThat(get("/admin/cost").body()).isEqualTo("cpu-ms=0 latency-ms=4 error-rate=0.25\n");
        assertThat(MBEANS.getAttribute(name, "Description")).isEqualTo("cpu-ms=0 latency-ms=4 error-rate=0.25");

        MBEANS.invoke(name, "reset", new Object[0], new String[0]);
        assertThat(app.cost().get()).isEqualTo(WorkCost.NONE);
    }

    @Test
    void jettyThreadPoolIsInThePlatformMBeanServer() throws Exception {
        Set<ObjectName> pools = MBEANS.queryNames(new ObjectName("org.eclipse.jetty.util.thread:type=queuedthreadpool,*"), null);
        assertThat(pools).isNotEmpty();
        ObjectName pool = pools.iterator().next();
        assertThat(MBEANS.getAttribute(pool, "maxThreads")).isEqualTo(16);
        assertThat((Integer) MBEANS.getAttribute(pool, "busyThreads")).isGreaterThanOrEqualTo(0);
    }

    private static double count(String uri, String status, String outcome) {
        Timer timer = registry.find(RequestMetricsHandler.TIMER)
                .tags("uri", uri, "status", status, "outcome", outcome, "method", "GET").timer();
        return timer == null ? 0 : timer.count();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
