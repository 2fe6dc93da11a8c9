package io.lvsfeedback.bridge.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lvsfeedback.bridge.config.ConfigSource;
import io.lvsfeedback.bridge.engine.FakeIpvsTable;
import io.lvsfeedback.bridge.poll.TestAgentServer;
import io.lvsfeedback.model.bridge.BridgeMXBean;
import io.lvsfeedback.model.bridge.DestinationMXBean;
import io.lvsfeedback.model.bridge.ServiceMXBean;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole daemon in-process: real agents on loopback, a fake IPVS table, JMX and HTTP for real. */
class BridgeDaemonTest {
    static final String WEB = "tcp:10.0.0.10:80";
    static final SharedSecret SECRET = SharedSecret.of("daemon-test-secret-0123456789");

    @TempDir
    Path dir;
    final FakeIpvsTable table = new FakeIpvsTable().service(WEB, "wrr")
            .dest(WEB, "127.0.0.1:80", 100).dest(WEB, "127.0.0.2:80", 100);
    final List<TestAgentServer> agents = new ArrayList<>();
    final MBeanServer mbeans = MBeanServerFactory.newMBeanServer();
    Path configFile;
    BridgeDaemon daemon;

    static FeedbackReport capacity(double c) {
        return FeedbackReport.builder().state(AdminState.READY).signal("capacity", c).ports(List.of(80))
                .source("requests:micrometer,pool:tomcat").build();
    }

    @BeforeEach
    void start() throws Exception {
        int agentPort;
        try (ServerSocket free = new ServerSocket(0)) {
            agentPort = free.getLocalPort();
        }
        agents.add(TestAgentServer.start(InetAddress.getByName("127.0.0.1"), agentPort).reply(capacity(300), SECRET));
        agents.add(TestAgentServer.start(InetAddress.getByName("127.0.0.2"), agentPort).reply(capacity(100), SECRET));
        Path key = Files.writeString(dir.resolve("key"), "daemon-test-secret-0123456789\n");
        configFile = Files.writeString(dir.resolve("bridge.properties"), String.join("\n",
                "secret-file = " + key, "agent-port = " + agentPort, "poll-interval = 200ms", "poll-timeout = 150ms",
                "blackout = 0s", "max-step-percent = 100", "weight-levels = 0", "http-port = 0",
                "state-file = " + dir.resolve("state"), ""));
        daemon = BridgeDaemon.start(new ConfigSource(configFile, Map.of("http-port", "0")), table, false, mbeans, 0);
    }

    @AfterEach
    void stop() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
        for (TestAgentServer a : agents) {
            a.close();
        }
    }

    DestinationMXBean destination(String key) {
        return JMX.newMXBeanProxy(mbeans, DestinationMXBean.objectName("bridge", WEB, key), DestinationMXBean.class, true);
    }

    BridgeMXBean bridge() throws Exception {
        return JMX.newMXBeanProxy(mbeans, BridgeMXBean.objectName("bridge"), BridgeMXBean.class);
    }

    @Test
    void agentsDriveTheWeightsAndJmxShowsWhy() throws Exception {
        DestinationMXBean d1 = destination("127.0.0.1:80");
        // the engine records a write just after the table took it: wait for both
        await().atMost(Duration.ofSeconds(10)).until(() -> table.weight(WEB, "127.0.0.1:80") == 150
                && d1.getAppliedWeight() == 150 && destination("127.0.0.2:80").getAppliedWeight() == 50);
        assertThat(table.weight(WEB, "127.0.0.2:80")).isEqualTo(50);
        assertThat(d1.getAppliedWeight()).isEqualTo(150);
        assertThat(d1.getBaseWeight()).isEqualTo(100);
        assertThat(d1.getCapacity()).isEqualTo(300.0);
        assertThat(d1.isAuthenticated()).isTrue();
        assertThat(d1.getSource()).isEqualTo("requests:micrometer,pool:tomcat"); // over the wire, kept per destination
        assertThat(d1.getReason()).contains("capacity 300/s");
        assertThat(d1.getLastChange()).startsWith("100 -> 150");
        ServiceMXBean svc = JMX.newMXBeanProxy(mbeans, ServiceMXBean.objectName("bridge", WEB), ServiceMXBean.class);
        assertThat(svc.getDestinations()).containsExactly("127.0.0.1:80", "127.0.0.2:80");
        assertThat(svc.getTotalWeight()).isEqualTo(200);
        assertThat(bridge().getStatus()).isEqualTo("running");
        // Counted when the cycle is published, just after its writes: the weights can be seen first.
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge().getPolls() > 0);
    }

    /** Real sockets and poller: an agent whose host takes the connection but never answers (a starved JVM). */
    @Test
    void aSilentAgentLosesItsWeightAndJmxSaysWhyThenItComesBack() throws Exception {
        DestinationMXBean d1 = destination("127.0.0.1:80");
        await().atMost(Duration.ofSeconds(10)).until(() -> table.weight(WEB, "127.0.0.1:80") == 150);
        agents.get(0).replyWith(request -> null);
        await().atMost(Duration.ofSeconds(10)).until(() -> table.weight(WEB, "127.0.0.1:80") == 1);
        assertThat(d1.getReason()).contains("did not answer in time");
        assertThat(d1.getLastPollError()).contains("no reply within 150 ms");
        assertThat(table.weight(WEB, "127.0.0.2:80")).as("the answering one keeps its weight").isEqualTo(50);
        agents.get(0).reply(capacity(300), SECRET);
        await().atMost(Duration.ofSeconds(15)).until(() -> table.weight(WEB, "127.0.0.1:80") == 150);
        assertThat(d1.getReason()).doesNotContain("did not answer");
    }

    @Test
    void overrideFreezeAndPauseOverJmx() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> table.weight(WEB, "127.0.0.1:80") == 150);
        List<Notification> received = new CopyOnWriteArrayList<>();
        mbeans.addNotificationListener(DestinationMXBean.objectName("bridge", WEB, "127.0.0.1:80"), (n, h) -> received.add(n), null, null);
        DestinationMXBean d1 = destination("127.0.0.1:80");
        d1.setWeightOverride(7);
        await().atMost(Duration.ofSeconds(10)).until(() -> table.weight(WEB, "127.0.0.1:80") == 7);
        assertThat(received).extracting(Notification::getType).contains(DestinationMXBean.OVERRIDE);
        assertThat(received.get(0).getSource()).isEqualTo(DestinationMXBean.objectName("bridge", WEB, "127.0.0.1:80"));
        d1.freeze();
        d1.clearWeightOverride();
        weightStaysForThreeCyclesAndMore(7); // frozen
        bridge().pause();
        d1.unfreeze();
        weightStaysForThreeCyclesAndMore(7); // paused
        assertThat(bridge().getStatus()).isEqualTo("paused");
        bridge().resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> table.weight(WEB, "127.0.0.1:80") == 150);
    }

    /** Nothing happens: 127.0.0.1:80 keeps {@code weight} while three cycles pass, and 600 ms (three more) after. */
    void weightStaysForThreeCyclesAndMore(int weight) throws Exception {
        long cycles = bridge().getCycles();
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(10))
                .until(() -> table.weight(WEB, "127.0.0.1:80") == weight && bridge().getCycles() >= cycles + 3);
    }

    @Test
    void drainNotificationAndZeroWeight() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> table.weight(WEB, "127.0.0.1:80") == 150);
        List<Notification> received = new CopyOnWriteArrayList<>();
        mbeans.addNotificationListener(DestinationMXBean.objectName("bridge", WEB, "127.0.0.2:80"), (n, h) -> received.add(n), null, null);
        agents.get(1).reply(FeedbackReport.builder().state(AdminState.DRAIN).weightPercent(0).reason("deploy").build(), SECRET);
        await().atMost(Duration.ofSeconds(10)).until(() -> table.weight(WEB, "127.0.0.2:80") == 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
        assertThat(received.get(0).getType()).isEqualTo(DestinationMXBean.DRAIN);
        assertThat(received.get(0).getMessage()).contains("agent says drain (deploy)");
    }

    @Test
    void badReloadIsRejectedAndTheRunningConfigurationStays() throws Exception {
        Files.writeString(configFile, "dead-band-percent = 500\n", java.nio.file.StandardOpenOption.APPEND);
        String result = bridge().reload();
        assertThat(result).startsWith("rejected: ").contains("'dead-band-percent' = '500'");
        assertThat(bridge().getDeadBandPercent()).isEqualTo(0);
        assertThat(bridge().getLastReloadResult()).isEqualTo(result);
        await().atMost(Duration.ofSeconds(10)).until(() -> table.weight(WEB, "127.0.0.1:80") == 150);
        Files.writeString(configFile, Files.readString(configFile).replace("dead-band-percent = 500", "dead-band-percent = 7"));
        assertThat(bridge().reload()).isEqualTo("reloaded");
        assertThat(bridge().getDeadBandPercent()).isEqualTo(7);
    }

    @Test
    void aReloadWithANulBytePathIsRejectedAndTheStatusSaysSo() throws Exception {
        // Regression: the InvalidPathException escaped reload() and the reload status stayed stale.
        Files.writeString(configFile, Files.readString(configFile).replace(dir.resolve("state").toString(),
                dir.resolve("state") + "\u0000.new"));
        String result = bridge().reload();
        assertThat(result).startsWith("rejected: ").contains("'state-file'");
        assertThat(bridge().getLastReloadResult()).isEqualTo(result);
    }

    @Test
    void sighupReloadsTheConfiguration() throws Exception {
        assertThat(daemon.reloadsOnSighup()).as("SIGHUP handler installed (else raising it would end the JVM)").isTrue();
        Files.writeString(configFile, "dead-band-percent = 9\n", java.nio.file.StandardOpenOption.APPEND);
        sun.misc.Signal.raise(new sun.misc.Signal("HUP"));
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge().getDeadBandPercent() == 9);
        assertThat(bridge().getLastReloadResult()).isEqualTo("reloaded");
    }

    @Test
    void liveSettingsAreValidated() throws Exception {
        bridge().setMaxStepPercent(10);
        assertThat(bridge().getMaxStepPercent()).isEqualTo(10);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bridge().setMaxStepPercent(0))
                .hasMessageContaining("'max-step-percent' = '0'");
        assertThat(bridge().getMaxStepPercent()).isEqualTo(10);
        bridge().setWeightLevels(20);
        assertThat(bridge().getWeightLevels()).isEqualTo(20);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bridge().setWeightLevels(-1))
                .hasMessageContaining("'weight-levels' = '-1'");
        assertThat(bridge().getWeightLevels()).isEqualTo(20);
        assertThat(bridge().getBacklogDrainMillis()).as("default").isEqualTo(1000);
        bridge().setBacklogDrainMillis(0);
        assertThat(bridge().getBacklogDrainMillis()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bridge().setBacklogDrainMillis(-5))
                .hasMessageContaining("'backlog-drain' = '-5ms'");
        assertThat(bridge().getBacklogDrainMillis()).isZero();
        assertThat(bridge().getFastFirstPercent()).as("default").isEqualTo(95);
        bridge().setFastFirstPercent(0);
        assertThat(bridge().getFastFirstPercent()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bridge().setFastFirstPercent(101))
                .hasMessageContaining("'fast-first' = '101'");
        assertThat(bridge().getFastFirstPercent()).isZero();
    }

    @Test
    void statusPageAndPrometheusMetrics() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> table.weight(WEB, "127.0.0.1:80") == 150);
        daemon.close();
        daemon = BridgeDaemon.start(new ConfigSource(configFile, Map.of("http-port", "0")), table, false, mbeans, 0);
        // http-port 0 turns HTTP off; start one on an ephemeral port through the endpoint itself
        assertThat(daemon.httpPort()).isEqualTo(-1);
        daemon.close();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        daemon = BridgeDaemon.start(new ConfigSource(configFile, Map.of("http-port", Integer.toString(port))), table, false, mbeans, 0);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        await().atMost(Duration.ofSeconds(10)).until(() -> get(http, port, "/").contains("capacity 300/s"));
        String page = get(http, port, "/");
        assertThat(page).contains("tcp:10.0.0.10:80").contains("127.0.0.2:80").contains("<b>150</b>");
        String metrics = get(http, port, "/metrics");
        assertThat(metrics).contains("lvsfeedback_bridge_weight{destination=\"127.0.0.1:80\",kind=\"applied\",service=\"tcp:10.0.0.10:80\"} 150.0");
        assertThat(metrics).contains("lvsfeedback_bridge_poll_latency_seconds_count");
        assertThat(metrics).contains("lvsfeedback_bridge_polls_total{result=\"ok\"}");
        assertThat(get(http, port, "/status.json")).contains("\"destination\":\"127.0.0.1:80\"")
                .contains("\"source\":\"requests:micrometer,pool:tomcat\"");
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?limit=0"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("parameter 'limit'");
    }

    static String get(HttpClient http, int port, String path) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString()).body();
    }
}
