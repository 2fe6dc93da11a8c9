package io.lvsfeedback.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lvsfeedback.bridge.config.ConfigSource;
import io.lvsfeedback.bridge.daemon.BridgeDaemon;
import io.lvsfeedback.bridge.ipvs.NetlinkIpvsTable;
import io.lvsfeedback.model.bridge.DestinationMXBean;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Spring Boot sample as a VS/DR real server on the lab's IPVS kernel: started by
 * start-spring-boot-app with the agent in {@code network=configure} inside a namespace, the
 * director's IPVS service in the guest's root namespace with the director-bridge in this JVM, and
 * samples/jmxterm's agent-drain / agent-resume over remote JMX moving the kernel weight. A second
 * destination without an agent keeps its base weight, so the drained server may go to 0 (the
 * bridge never drains a whole service). One JVM start under emulation, so the steps share it.
 * Lab settings: {@code LAB_BOOT_CDS=off} starts without the class-data-sharing archive,
 * {@code LAB_BOOT_LAZY=on} adds Spring's lazy initialization (to measure what each saves).
 */
@Tag("kernel")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpringBootRealServerKernelTest {
    static final String NS = "lvsbt-rs1";
    static final String HOST_LINK = "lvsbt-h";
    static final String VIP = "10.79.0.100";
    static final String RIP = "10.79.0.11";
    static final int PORT = 8080;
    static final String SERVICE = "tcp:" + VIP + ":" + PORT;
    static final String RS1 = RIP + ":" + PORT;
    /** On the real servers' subnet, with no agent: stays at its base weight. */
    static final String RS2 = "10.79.0.12:" + PORT;
    static final String KEY = "spring-boot-kernel-test-key-0123456789";
    static final Duration START_PATIENCE = Duration.ofSeconds(600);
    static final Duration PATIENCE = Duration.ofSeconds(120);

    static final MBeanServer mbeans = MBeanServerFactory.newMBeanServer();
    static SampleJvm app;
    static BridgeDaemon bridge;
    static double startSeconds;

    @BeforeAll
    static void realServerAndDirector() throws Exception {
        assertThat(Path.of("/proc/net/ip_vs")).as("needs the lab's IPVS kernel: lab/kernel-tests samples-spring-boot").exists();
        Commands.run("ip", "netns", "add", NS);
        Commands.run("ip", "-n", NS, "link", "set", "lo", "up");
        Commands.run("ip", "link", "add", HOST_LINK, "type", "veth", "peer", "name", "eth0", "netns", NS);
        Commands.run("ip", "address", "add", "10.79.0.1/24", "dev", HOST_LINK);
        Commands.run("ip", "link", "set", HOST_LINK, "up");
        Commands.run("ip", "-n", NS, "address", "add", RIP + "/24", "dev", "eth0");
        Commands.run("ip", "-n", NS, "link", "set", "eth0", "up");
        Commands.run("ip", "-n", NS, "route", "add", "default", "via", "10.79.0.1");
        Commands.run("ipvsadm", "-A", "-t", VIP + ":" + PORT, "-s", "wlc");
        Commands.run("ipvsadm", "-a", "-t", VIP + ":" + PORT, "-r", RS1, "-g", "-w", "100");
        Commands.run("ipvsadm", "-a", "-t", VIP + ":" + PORT, "-r", RS2, "-g", "-w", "100");

        Path dir = Files.createTempDirectory("spring-boot-kernel");
        Path key = Files.writeString(dir.resolve("key"), KEY + "\n");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        boolean cds = !"off".equals(System.getenv("LAB_BOOT_CDS"));
        List<String> jvm = new ArrayList<>(List.of("-Xmx128m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (cds) {
            jvm.add("-Xlog:cds=info"); // the log says whether the archive was mapped
        }
        if ("on".equals(System.getenv("LAB_BOOT_LAZY"))) {
            jvm.add("-Dspring.main.lazy-initialization=true");
        }
        app = SampleJvm.start(new SampleJvm.Launch(List.of("ip", "netns", "exec", NS), "rs1", RIP, "0.0.0.0", PORT, 3333, 9010,
                "vip=" + VIP + ",forwarding=dr,network=configure,secret-file=" + key, cds, jvm));
        Path config = Files.writeString(dir.resolve("bridge.properties"), String.join("\n",
                "services = " + SERVICE, "secret-file = " + key, "agent-port = 3333",
                "poll-interval = 1s", "poll-timeout = 900ms", "blackout = 0s", "max-step-percent = 100",
                "http-port = 0", "state-file = " + dir.resolve("state"), ""));
        bridge = BridgeDaemon.start(new ConfigSource(config, Map.of()), NetlinkIpvsTable.open(), false, mbeans, 0);
        startSeconds = app.awaitHttp(START_PATIENCE);
        boolean mapped = Files.readString(app.log).contains("Mapped dynamic region");
        System.out.printf("Spring Boot sample (cds %s, archive %s) answering %.1f s after the launch%n",
                cds ? "on" : "off", mapped ? "mapped" : "not mapped", startSeconds);
    }

    @AfterAll
    static void cleanUp() {
        if (app != null) {
            app.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        Commands.quietly("ipvsadm", "-D", "-t", VIP + ":" + PORT);
        Commands.quietly("ip", "link", "del", HOST_LINK);
        Commands.quietly("ip", "netns", "del", NS);
    }

    static DestinationMXBean destination(String rs) {
        return JMX.newMXBeanProxy(mbeans, DestinationMXBean.objectName(bridge.name(), SERVICE, rs), DestinationMXBean.class);
    }

    @Test
    @Order(1)
    void theAgentMakesTheNamespaceADirectRoutingRealServerAndTheBridgeHearsIt() throws Exception {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(java.io.IOException.class)
                .untilAsserted(() -> assertThat(app.report(SharedSecret.of(KEY)).state())
                        .as("ready only once the real-server network is verified").isEqualTo(AdminState.READY));
        assertThat(Commands.run("ip", "-n", NS, "-4", "address", "show", "dev", "lo")).contains("inet " + VIP + "/32");
        assertThat(Commands.run("ip", "netns", "exec", NS, "sysctl", "-n", "net.ipv4.conf.all.arp_ignore").trim()).isEqualTo("1");
        assertThat(Commands.run("ip", "netns", "exec", NS, "sysctl", "-n", "net.ipv4.conf.all.arp_announce").trim()).isEqualTo("2");
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(destination(RS1).getAgentState()).isEqualTo("ready"));
        assertThat(weight(RS1)).isPositive();
    }

    @Test
    @Order(2)
    void aDrainThroughJmxtermTakesTheKernelWeightToZeroAndAResumeBringsItBack() throws Exception {
        String jmx = RIP + ":9010";
        assertThat(JmxtermScripts.run(jmx, "agent-drain")).contains("drain");
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> weight(RS1) == 0);
        assertThat(weight(RS2)).as("the server without an agent keeps its base").isEqualTo(100);

        assertThat(JmxtermScripts.run(jmx, "agent-resume")).contains("ready");
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> weight(RS1) > 0);
        System.out.printf("Spring Boot sample: started in %.1f s; drained and resumed; weights %d / %d%n",
                startSeconds, weight(RS1), weight(RS2));
    }

    /** The kernel's weight of one destination of the service, from {@code ipvsadm -Ln}. */
    static int weight(String destination) {
        for (String line : Commands.run("ipvsadm", "-Ln", "-t", VIP + ":" + PORT).split("\n")) {
            String[] w = line.trim().split("\\s+");
            // "-> 10.79.0.11:8080 Route 100 0 0"
            if (w.length >= 4 && w[0].equals("->") && w[1].equals(destination)) {
                return Integer.parseInt(w[3]);
            }
        }
        throw new AssertionError("ipvsadm -Ln lists no " + destination + " in " + SERVICE);
    }
}
