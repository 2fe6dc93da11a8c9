package io.lvsfeedback.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each popular server, as its users run it, in a child JVM with the agent jar and no application
 * change, under a few seconds of loopback traffic (closed loop, {@value #CLIENTS} clients, an
 * endpoint that sleeps {@value #SLEEP_MS} ms): the report must say where its signals come from,
 * and show a request rate, a utilization and a capacity consistent with the traffic. With a pool,
 * capacity = threads / service time, within a factor of 2 of {@code pool_max / 50 ms}; on an event
 * loop (Reactor Netty, no request threads) utilization is the process CPU, so capacity = rps / CPU.
 */
class ServersWithTheAgentTest {
    static final int CLIENTS = 8;
    static final long SLEEP_MS = 50;
    /** Fast sampling and smoothing, so a few seconds of traffic settle the averages. */
    static final String AGENT_ARGS = "sample-interval=250ms,smoothing=1s";

    /** One server under test: how to launch it, where its signals must come from. */
    static final class Server {
        final String name;
        final List<String> launch;
        final String source;
        final boolean pool;

        Server(String name, List<String> launch, String source, boolean pool) {
            this.name = name;
            this.launch = launch;
            this.source = source;
            this.pool = pool;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static List<String> main(String mainClass, String... jarPrefixes) {
        List<String> launch = new ArrayList<>();
        launch.add("-cp");
        launch.add(String.join(File.pathSeparator, ServerJvm.classPath(List.of(jarPrefixes))));
        launch.add("io.lvsfeedback.compat.apps." + mainClass);
        return launch;
    }

    private static List<String> boot(java.nio.file.Path jar) {
        return List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=0", "--server.address=127.0.0.1");
    }

    static Stream<Server> servers() {
        return Stream.of(
                new Server("tomcat-11-embedded", main("TomcatApp", "tomcat-embed-core", "tomcat-annotations-api"),
                        "requests:tomcat,pool:tomcat", true),
                // Boot's defaults: Tomcat's MBeans registered only because the agent set the property.
                new Server("spring-boot-3-fat-jar", boot(ServerJvm.BOOT3_JAR), "requests:tomcat,pool:tomcat", true),
                // With actuator: the application's Micrometer timer first, Tomcat's pool beside it.
                new Server("spring-boot-3-actuator", boot(ServerJvm.BOOT3_ACTUATOR_JAR), "requests:micrometer,pool:tomcat", true),
                new Server("spring-boot-4-fat-jar", boot(ServerJvm.BOOT4_JAR), "requests:tomcat,pool:tomcat", true),
                new Server("undertow-2.3", main("UndertowApp", "undertow-core", "xnio-", "jboss-", "wildfly-",
                        "smallrye-"), "requests:undertow,pool:undertow", true),
                new Server("reactor-netty-1.2", main("ReactorNettyApp", "reactor-", "reactive-streams", "netty-",
                        "micrometer-", "HdrHistogram", "LatencyUtils", "context-propagation"), "requests:micrometer", false),
                new Server("jetty-12", main("JettyApp", "jetty-", "slf4j-api"), "requests:jetty,pool:jetty", true),
                new Server("jetty-10", classicJetty("jetty10"), "requests:jetty,pool:jetty", true),
                new Server("jetty-9.4", classicJetty("jetty94"), "requests:jetty,pool:jetty", true));
    }

    /**
     * {@code ClassicJettyApp} compiled against one older Jetty line's jars (copied by the pom into
     * target/LINE: they cannot share this module's class path with Jetty 12), ready to launch.
     */
    private static List<String> classicJetty(String line) {
        java.nio.file.Path jars = java.nio.file.Paths.get(System.getProperty("lvsfeedback.test.jettyLines", "target"), line);
        java.nio.file.Path classes = jars.resolveSibling(line + "-app");
        String cp;
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(jars)) {
            cp = files.map(java.nio.file.Path::toString).sorted().collect(java.util.stream.Collectors.joining(File.pathSeparator));
            java.nio.file.Files.createDirectories(classes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "11", "-nowarn",
                "-d", classes.toString(), "-cp", cp, "src/test/jetty-classic/io/lvsfeedback/compat/classic/ClassicJettyApp.java");
        assertThat(rc).as("compiling the %s application", line).isZero();
        return List.of("-cp", cp + File.pathSeparator + classes, "io.lvsfeedback.compat.classic.ClassicJettyApp");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void reportsRateUtilizationAndCapacityFromTheServersOwnPlane(Server server) throws Exception {
        try (ServerJvm jvm = ServerJvm.start(server.name, server.launch, AGENT_ARGS)) {
            int port = jvm.awaitApp();
            AtomicReference<FeedbackReport> last = new AtomicReference<>();
            try (Traffic traffic = new Traffic(port, CLIENTS, SLEEP_MS, 20_000)) {
                Thread.sleep(2_000); // a few samples of steady traffic before judging
                Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    FeedbackReport r = jvm.report();
                    last.set(r);
                    double rps = r.signal(Signals.REQUESTS_PER_SECOND);
                    double util = r.signal(Signals.UTILIZATION);
                    double capacity = r.signal(Signals.CAPACITY);
                    double clients = traffic.recentRate(2_000);
                    String what = server.name + " report " + r + " client rate " + clients;
                    assertThat(r.source()).as(what).isEqualTo(server.source);
                    assertThat(rps).as(what).isBetween(clients * 0.6, clients * 1.4);
                    assertThat(util).as(what).isPositive();
                    if (server.pool) {
                        double threads = r.signal(Signals.POOL_MAX);
                        double ideal = threads / (SLEEP_MS / 1000.0);
                        assertThat(threads).as(what).isPositive();
                        assertThat(capacity).as(what + " vs threads / service time " + ideal)
                                .isBetween(ideal / 2, ideal * 2);
                    } else {
                        // an event loop: util is the process CPU, so capacity = rps / cpu > rps
                        assertThat(util).as(what).isEqualTo(r.signal(Signals.CPU_PROCESS), org.assertj.core.data.Offset.offset(0.5));
                        assertThat(capacity).as(what).isGreaterThan(rps);
                    }
                });
                assertThat(traffic.failures()).as("failed client connections%s", jvm.output()).isZero();
            }
            System.out.println(server.name + ": " + last.get());
            // The agent coexists with the application's libraries: nothing of it failed or was disabled.
            assertThat(jvm.logs().lines().filter(l -> l.contains("[lvs-agent]"))
                    .filter(l -> l.contains("disabled") || l.contains("failed") || l.contains("Exception")))
                    .as("agent trouble%s", jvm.output()).isEmpty();
        }
    }

    /** The opt-out: the agent leaves Spring Boot's setting alone, finds Tomcat's threads without MBeans, says what to set. */
    @org.junit.jupiter.api.Test
    void springBootWithServerStatsOffSaysWhatToSet() throws Exception {
        try (ServerJvm jvm = ServerJvm.start("spring-boot-3-server-stats-off", boot(ServerJvm.BOOT3_JAR),
                AGENT_ARGS + ",server-stats=off")) {
            jvm.awaitApp();
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jvm.logs())
                    .as("the agent's hint%s", jvm.output())
                    .contains("Tomcat is running but has registered no MBeans")
                    .contains("server.tomcat.mbeanregistry.enabled=true"));
            FeedbackReport r = jvm.report();
            assertThat(r.signal(Signals.POOL_MAX)).as("%s", r).isNaN();
            assertThat(r.source()).as("%s", r).isEmpty();
            assertThat(jvm.logs()).doesNotContain("server statistics: set");
        }
    }
}
