package io.lvsfeedback.bridge.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lvsfeedback.bridge.config.ConfigSource;
import io.lvsfeedback.bridge.daemon.BridgeDaemon;
import io.lvsfeedback.bridge.daemon.KernelAdvice;
import io.lvsfeedback.bridge.ipvs.NetlinkIpvsTable;
import io.lvsfeedback.bridge.poll.TestAgentServer;
import io.lvsfeedback.model.bridge.BridgeMXBean;
import io.lvsfeedback.model.bridge.DestinationMXBean;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.SharedSecret;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import io.lvsfeedback.testfixtures.Commands;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The bridge against the real IPVS kernel of the lab, in-process (one JVM start under TCG):
 * agent-protocol servers on the real servers' addresses (on a dummy interface inside the throwaway
 * guest), the bridge's weights checked with {@code ipvsadm -Ln}, a restart that must not reset
 * them, jmxterm over remote JMX, and a destination deleted by ipvsadm while the bridge runs.
 * The steps build on each other, hence the order.
 */
@Tag("kernel")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BridgeKernelTest {
    static final String SERVICE = "tcp:10.77.0.100:80";
    static final String OTHER = "tcp:10.77.0.101:80";
    static final String RS1 = "10.77.0.2:80";
    static final String RS2 = "10.77.0.3:80";
    static final int AGENT_PORT = 3333;
    static final String KEY = "kernel-test-secret-0123456789";
    static final Duration PATIENCE = Duration.ofSeconds(90);

    static Path dir;
    static Path config;
    static final List<TestAgentServer> agents = new ArrayList<>();
    static final MBeanServer mbeans = MBeanServerFactory.newMBeanServer();
    static BridgeDaemon daemon;
    static JMXConnectorServer connector;
    static Registry registry;
    static int jmxPort;

    @BeforeAll
    static void labCluster() throws Exception {
        assertThat(Files.exists(Path.of("/proc/net/ip_vs")))
                .as("needs the lab's IPVS kernel: run with lab/kernel-tests director-bridge").isTrue();
        Commands.run("ip", "link", "add", "lvsfb0", "type", "dummy");
        Commands.run("ip", "address", "add", "10.77.0.1/24", "dev", "lvsfb0");
        Commands.run("ip", "address", "add", "10.77.0.2/32", "dev", "lvsfb0");
        Commands.run("ip", "address", "add", "10.77.0.3/32", "dev", "lvsfb0");
        Commands.run("ip", "link", "set", "lvsfb0", "up");
        Commands.run("ipvsadm", "-A", "-t", "10.77.0.100:80", "-s", "wrr");
        Commands.run("ipvsadm", "-a", "-t", "10.77.0.100:80", "-r", RS1, "-g", "-w", "100");
        Commands.run("ipvsadm", "-a", "-t", "10.77.0.100:80", "-r", RS2, "-g", "-w", "100", "-x", "500", "-y", "100");
        Commands.run("ipvsadm", "-A", "-t", "10.77.0.101:80", "-s", "wrr");
        Commands.run("ipvsadm", "-a", "-t", "10.77.0.101:80", "-r", RS1, "-g", "-w", "5");
        SharedSecret secret = SharedSecret.of(KEY);
        agents.add(TestAgentServer.start(InetAddress.getByName("10.77.0.2"), AGENT_PORT).reply(capacity(300), secret));
        agents.add(TestAgentServer.start(InetAddress.getByName("10.77.0.3"), AGENT_PORT).reply(capacity(100), secret));
        dir = Files.createTempDirectory("bridge-kernel");
        Path key = Files.writeString(dir.resolve("key"), KEY + "\n");
        config = Files.writeString(dir.resolve("bridge.properties"), String.join("\n",
                "services = tcp:10.77.0.100:*", "secret-file = " + key, "agent-port = " + AGENT_PORT,
                "poll-interval = 1s", "poll-timeout = 900ms", "blackout = 0s", "max-step-percent = 100",
                "weight-levels = 0", "dead-band-percent = 5",
                "http-port = 0", "state-file = " + dir.resolve("state"), ""));
        daemon = start();
    }

    static BridgeDaemon start() throws Exception {
        return BridgeDaemon.start(new ConfigSource(config, Map.of()), NetlinkIpvsTable.open(), false, mbeans, 0);
    }

    static FeedbackReport capacity(double c) {
        return FeedbackReport.builder().state(AdminState.READY).signal("capacity", c).ports(List.of(80)).build();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (connector != null) {
            connector.stop();
        }
        if (registry != null) {
            UnicastRemoteObject.unexportObject(registry, true);
        }
        if (daemon != null) {
            daemon.close();
        }
        for (TestAgentServer a : agents) {
            a.close();
        }
        Commands.quietly("ipvsadm", "-D", "-t", "10.77.0.100:80");
        Commands.quietly("ipvsadm", "-D", "-t", "10.77.0.101:80");
        Commands.quietly("ip", "link", "del", "lvsfb0");
    }

    static BridgeMXBean bridge() throws Exception {
        return JMX.newMXBeanProxy(mbeans, BridgeMXBean.objectName("bridge"), BridgeMXBean.class);
    }

    static DestinationMXBean destination(String rs) {
        return JMX.newMXBeanProxy(mbeans, DestinationMXBean.objectName("bridge", SERVICE, rs), DestinationMXBean.class);
    }

    static void awaitCycles(int n) {
        long target = daemon.engine().cycles() + n;
        await().atMost(PATIENCE).until(() -> daemon.engine().cycles() >= target);
    }

    @Test
    @Order(1)
    void theBridgeSetsWeightsInTheKernel() {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> IpvsadmTable.weight(SERVICE, RS1) == 150 && IpvsadmTable.weight(SERVICE, RS2) == 50);
        IpvsadmTable thresholds = IpvsadmTable.read(true);
        assertThat(thresholds.service(SERVICE).get(RS2)).as("RS2 thresholds kept by SET_DEST").containsExactly(500, 100);
        assertThat(IpvsadmTable.weight(OTHER, RS1)).as("an unmanaged service is left alone").isEqualTo(5);
        assertThat(destination(RS1).getReason()).contains("capacity 300/s");
    }

    @Test
    @Order(2)
    void aRestartDoesNotResetWeights() throws Exception {
        daemon.close();
        assertThat(IpvsadmTable.weight(SERVICE, RS1)).isEqualTo(150);
        assertThat(IpvsadmTable.weight(SERVICE, RS2)).isEqualTo(50);
        daemon = start();
        awaitCycles(4);
        assertThat(IpvsadmTable.weight(SERVICE, RS1)).isEqualTo(150);
        assertThat(IpvsadmTable.weight(SERVICE, RS2)).isEqualTo(50);
        assertThat(bridge().getWeightWrites()).as("nothing to write after a restart").isZero();
        assertThat(destination(RS1).getBaseWeight()).as("base remembered in the state file").isEqualTo(100);
    }

    @Test
    @Order(3)
    void jmxtermDrivesOverrideFreezeAndPauseAndTheKernelFollows() throws Exception {
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        jmxPort = 19000 + (int) (ProcessHandle.current().pid() % 1000);
        registry = LocateRegistry.createRegistry(jmxPort);
        connector = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"), null, mbeans);
        connector.start();

        String d1 = "lvsfeedback:type=Destination,bridge=bridge,service=\"" + SERVICE + "\",name=\"" + RS1 + "\"";
        String d2 = "lvsfeedback:type=Destination,bridge=bridge,service=\"" + SERVICE + "\",name=\"" + RS2 + "\"";
        // freeze first: the override takes RS1 out of the capacity mean, which would move RS2
        String first = jmxterm("run -b " + d2 + " freeze", "set -b " + d1 + " WeightOverride 7",
                "get -b " + d1 + " WeightOverride");
        assertThat(first).contains("WeightOverride = 7");
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> IpvsadmTable.weight(SERVICE, RS1) == 7);
        assertThat(destination(RS2).isFrozen()).isTrue();
        agents.get(1).reply(capacity(900), SharedSecret.of(KEY)); // would move RS2 a lot if it were not frozen
        awaitCycles(3);
        assertThat(IpvsadmTable.weight(SERVICE, RS2)).isEqualTo(50);

        String second = jmxterm("run -b lvsfeedback:type=Bridge,name=bridge pause", "run -b " + d1 + " clearWeightOverride",
                "get -b lvsfeedback:type=Bridge,name=bridge Status");
        assertThat(second).contains("Status = paused");
        awaitCycles(3);
        assertThat(IpvsadmTable.weight(SERVICE, RS1)).as("paused: nothing written").isEqualTo(7);

        bridge().resume();
        destination(RS2).unfreeze();
        // capacities 300 and 900 now (mean 600): RS1 0.5x of base 100, RS2 1.5x
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> IpvsadmTable.weight(SERVICE, RS1) == 50 && IpvsadmTable.weight(SERVICE, RS2) == 150);

        // weight-levels, a live setting: 50:150 needs 3 levels to keep RS1's share; at most 2 allowed,
        // so steps of 75 and RS1's 50 becomes 75 (RS2's 150 is two steps and stays)
        String third = jmxterm("set -b lvsfeedback:type=Bridge,name=bridge WeightLevels 2", "get -b lvsfeedback:type=Bridge,name=bridge WeightLevels",
                "set -b lvsfeedback:type=Bridge,name=bridge BacklogDrainMillis 2500", "get -b lvsfeedback:type=Bridge,name=bridge BacklogDrainMillis",
                "set -b lvsfeedback:type=Bridge,name=bridge FastFirstPercent 75", "get -b lvsfeedback:type=Bridge,name=bridge FastFirstPercent");
        assertThat(third).contains("WeightLevels = 2").contains("BacklogDrainMillis = 2500").contains("FastFirstPercent = 75");
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> IpvsadmTable.weight(SERVICE, RS1) == 75);
        assertThat(IpvsadmTable.weight(SERVICE, RS2)).isEqualTo(150);
        jmxterm("set -b lvsfeedback:type=Bridge,name=bridge WeightLevels 0");
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> IpvsadmTable.weight(SERVICE, RS1) == 50);
    }

    @Test
    @Order(5)
    void theKernelsConnReuseModeIsReadAndAdvisedOn() throws Exception {
        Path file = KernelAdvice.PROC_DIR.resolve("conn_reuse_mode");
        String before = Files.readString(file).trim();
        assertThat(before).as("the kernel's default: reused ports of VS/DR bypass the scheduler").isEqualTo("1");
        try {
            assertThat(KernelAdvice.of(KernelAdvice.PROC_DIR)).singleElement().asString()
                    .startsWith("net.ipv4.vs.conn_reuse_mode=1:").contains("set it to 2");
            Files.writeString(file, "2");
            assertThat(KernelAdvice.of(KernelAdvice.PROC_DIR)).isEmpty();
        } finally {
            Files.writeString(file, before);
        }
    }

    @Test
    @Order(4)
    void aDestinationDeletedByIpvsadmIsFollowedAndNeverReAdded() throws Exception {
        long failuresBefore = bridge().getWriteFailures() + bridge().getReadFailures();
        Commands.run("ipvsadm", "-d", "-t", "10.77.0.100:80", "-r", RS2);
        await().atMost(PATIENCE).until(() -> daemon.engine().service(ServiceKey.parse(SERVICE)).destinations().size() == 1);
        agents.get(1).reply(capacity(50), SharedSecret.of(KEY)); // its agent still answers: must not matter
        awaitCycles(4);
        IpvsadmTable t = IpvsadmTable.read(false);
        assertThat(t.service(SERVICE)).containsOnlyKeys(RS1);
        assertThat(t.service(OTHER)).containsOnlyKeys(RS1);
        assertThat(t.service(OTHER).get(RS1)[0]).isEqualTo(5);
        assertThat(bridge().getWriteFailures() + bridge().getReadFailures()).isEqualTo(failuresBefore);
        assertThat(bridge().getDestinationCount()).isEqualTo(1);
        // alone in its service now: 1.0x the mean, back to base 100
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> IpvsadmTable.weight(SERVICE, RS1) == 100);
    }

    /** One jmxterm process running the given commands against the test's JMX port. */
    static String jmxterm(String... commands) throws Exception {
        // The test-scoped uber jar; found through its main class, whatever launcher runs the tests.
        String jar = Path.of(Class.forName("org.cyclopsgroup.jmxterm.boot.CliMain")
                .getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Path script = Files.write(Files.createTempFile(dir, "script", ".jmx"), List.of(commands));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return Commands.run(180, List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar,
                "-l", "127.0.0.1:" + jmxPort, "-n", "-v", "silent", "-i", script.toString()));
    }
}
