package io.lvsfeedback.samples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lvsfeedback.testfixtures.ChildClassPath;
import io.lvsfeedback.testfixtures.ChildProcess;
import io.lvsfeedback.testfixtures.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sample application (Jetty, Micrometer) in a real JVM with the built agent jar, read over
 * remote JMX. The idle probe, pointed at its own {@code /work}: with no client the probes come, the
 * application's request statistics measure them (the agent reports a request rate and a
 * capacity), a fast path gets at most two per sample interval, and client traffic stops them. And
 * the shipped jmxterm scripts for the agent read its live settings and its report.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleAppWithAgentJvmTest {
    static final Path AGENT_JAR = Paths.get(System.getProperty("lvsfeedback.test.agentJar", "../agent/target/lvs-agent.jar"));
    private static final Pattern PROBES = Pattern.compile(": (\\d+) sent, (\\d+) failed");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static ChildProcess app;
    static JMXConnector jmx;
    static ObjectName agent;
    static int appPort;
    static int agentPort;
    static int jmxPort;

    @BeforeAll
    static void startTheSampleAppWithTheAgent() throws Exception {
        assertThat(AGENT_JAR).as("the agent jar (mvn package -pl agent first)").isRegularFile();
        appPort = FreePort.onLoopback();
        agentPort = FreePort.onLoopback();
        jmxPort = FreePort.onLoopback();
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                "-javaagent:" + AGENT_JAR.toAbsolutePath() + "=bind=127.0.0.1,port=" + agentPort + ",network=off,sample-interval=250ms"
                        + ",idle-probe=http://127.0.0.1:" + appPort + "/work",
                "-Dsample.name=rs-probe", "-Dsample.host=127.0.0.1", "-Dsample.port=" + appPort,
                "-cp", ChildClassPath.of(SampleAppWithAgentJvmTest.class), Main.class.getName()));
        app = ChildProcess.start(Files.createDirectories(Paths.get("target/child-jvm")), "idle-probe-app", cmd);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> {
            assertThat(app.process().isAlive()).as("child JVM alive: %s", app.output()).isTrue();
            return get("/").statusCode() == 200 && app.stderr().contains("[lvs-agent] ready: feedback port");
        });
        jmx = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
        agent = new ObjectName("lvsfeedback:type=Agent,name=port-" + agentPort);
    }

    @AfterAll
    static void stop() throws IOException {
        if (jmx != null) {
            jmx.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void withoutClientsTheProbesComeAndTheApplicationsStatisticsMeasureThem() throws Exception {
        assertThat(post("/admin/cost?latency-ms=100").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            long[] probes = probes();
            assertThat(probes[0]).as(idleProbe()).isGreaterThanOrEqualTo(6);
            assertThat(probes[1]).as(idleProbe()).isZero();
            assertThat(signals()).as("the report: %s", report()).containsKey("rps");
            assertThat(signals().get("rps")).as("rps measured from the probes alone").isPositive();
            assertThat(report()).as("a capacity measured from the probes").containsPattern("\\bcapacity=[0-9]");
        });
    }

    @Test
    @Order(2)
    void aFastPathGetsAtMostTwoProbesPerSampleInterval() throws Exception {
        assertThat(post("/admin/cost?latency-ms=0").statusCode()).isEqualTo(200);
        Thread.sleep(1000);
        long before = probes()[0];
        Thread.sleep(3000);
        long sent = probes()[0] - before;
        // 3 s hold at most 13 samples of 250 ms (wall-clock aligned), 2 probes each, plus one on its
        // way (and two probes make the next sample not starved, so about half of that comes); sent
        // back to back without the bound, a path this fast took hundreds.
        assertThat(sent).as(idleProbe()).isBetween(1L, 27L);
    }

    @Test
    @Order(3)
    void clientTrafficStopsTheProbes() throws Exception {
        assertThat(post("/admin/cost?latency-ms=20").statusCode()).isEqualTo(200);
        for (int i = 0; i < 30; i++) { // ~1.5 s of traffic before counting: the samples see it
            assertThat(get("/work").statusCode()).isEqualTo(200);
            Thread.sleep(30);
        }
        long before = probes()[0];
        for (int i = 0; i < 60; i++) { // ~3 s at ~20 requests a second: no sample is starved
            assertThat(get("/work").statusCode()).isEqualTo(200);
            Thread.sleep(30);
        }
        assertThat(probes()[0] - before).as(idleProbe()).isLessThanOrEqualTo(1);
    }

    @Test
    @Order(4)
    void theShippedJmxtermScriptsReadTheLiveSettingsAndTheReport() throws Exception {
        String settings = jmxterm("agent-settings");
        assertThat(settings).containsPattern("SmoothingSeconds = 10(\\.0)?;").containsPattern("CapacityExpirySeconds = 1(\\.0)?;")
                .contains("CpuSignalWeight = ").contains("GcSignalWeight = ").contains("HeapSignalWeight = ")
                .contains("PoolSignalWeight = ").containsPattern("MinWeight = 1;");
        String report = jmxterm("agent-report");
        assertThat(report).contains("State = ready;").containsPattern("WeightPercent = \\d+;").contains("Report = state=ready")
                .contains("Signals = ");
    }

    /** samples/jmxterm/jmx HOST:PORT SCRIPT AGENT=port-N, as an operator runs it. */
    private static String jmxterm(String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of("jmxterm/jmx").toAbsolutePath().toString(), "127.0.0.1:" + jmxPort, script,
                "AGENT=port-" + agentPort).redirectErrorStream(true);
        pb.environment().put("JMXTERM_JAR", Path.of("target/test-libs/jmxterm.jar").toAbsolutePath().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static long[] probes() throws Exception {
        Matcher m = PROBES.matcher(idleProbe());
        assertThat(m.find()).as(idleProbe()).isTrue();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private static String idleProbe() {
        return (String) attribute("IdleProbe");
    }

    private static String report() {
        return (String) attribute("Report");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> signals() {
        Object value = attribute("Signals");
        Map<String, Double> result = new java.util.HashMap<>();
        if (value instanceof javax.management.openmbean.TabularData table) {
            for (Object row : table.values()) {
                javax.management.openmbean.CompositeData r = (javax.management.openmbean.CompositeData) row;
                result.put((String) r.get("key"), (Double) r.get("value"));
            }
        } else if (value instanceof Map<?, ?> map) {
            result.putAll((Map<String, Double>) map);
        }
        return result;
    }

    private static Object attribute(String name) {
        try {
            MBeanServerConnection connection = jmx.getMBeanServerConnection();
            return connection.getAttribute(agent, name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + name + " of " + agent, e);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
