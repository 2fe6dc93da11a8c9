package io.lvsfeedback.bridge.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.lvsfeedback.bridge.config.ConfigSource;
import io.lvsfeedback.bridge.daemon.BridgeDaemon;
import io.lvsfeedback.bridge.ipvs.NetlinkIpvsTable;
import io.lvsfeedback.model.bridge.BridgeMXBean;
import io.lvsfeedback.model.bridge.DestinationMXBean;
import io.lvsfeedback.testfixtures.Commands;
import io.lvsfeedback.testfixtures.JoinedNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 * The lab fault matrix (RELIABILITY.md, issue 13 item 5) in one JVM: the bridge and four real agent
 * runtimes ({@link InProcessAgent}) on real servers' addresses, each on a dummy link of its own in
 * the throwaway guest, a fifth in a namespace of its own behind a veth, a client in a namespace of
 * its own sending HTTP through IPVS, and the real keepalived. Faults: agents killed, a real server's
 * link down and up, the clock stepped back and forward, {@code ip_vs} unloaded and loaded again,
 * keepalived's {@code inhibit_on_failure} and a reload. Each checks the kernel's weights with
 * {@code ipvsadm} at every cycle while the fault lasts, and where a scheduling decision matters,
 * the connections IPVS scheduled to each server.
 * The steps build on each other (one cluster for all, to keep the lab time low), hence the order;
 * the last one takes everything down and checks that nothing is left.
 *
 * <p>Alone in the lab: {@code lab/kernel-tests --select FaultMatrixKernelTest director-bridge}
 * (RELIABILITY.md says what the runs showed).
 */
@Tag("kernel")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultMatrixKernelTest {
    static final String VIP = "10.78.0.100";
    static final String SERVICE = "tcp:" + VIP + ":80";
    /** The virtual server keepalived owns (step 5). */
    static final String KEEPALIVED_VIP = "10.78.0.110";
    static final String KEEPALIVED_SERVICE = "tcp:" + KEEPALIVED_VIP + ":80";
    static final String[] RIPS = {"10.78.0.11", "10.78.0.12", "10.78.0.13", "10.78.0.14"};
    static final String RS1 = RIPS[0] + ":80";
    static final String RS2 = RIPS[1] + ":80";
    static final String RS3 = RIPS[2] + ":80";
    static final String RS4 = RIPS[3] + ":80";
    /** The virtual server of the link step (2): RS1 and a real server in a namespace of its own behind a veth. */
    static final String LINK_VIP = "10.78.0.120";
    static final String LINK_SERVICE = "tcp:" + LINK_VIP + ":80";
    static final String RS5_IP = "10.78.5.2";
    static final String RS5 = RS5_IP + ":80";
    static final String LINK_HOST_SIDE = "lvsfb-rv5";
    static final int AGENT_PORT = 3333;
    static final int CHECK_PORT = 8080;
    static final long STALE_AFTER_MILLIS = 3000;
    static final String KEY = "fault-matrix-secret-0123456789";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final List<String> SCHEDULERS = List.of("rr", "wrr", "wlc", "lc", "sed", "nq", "sh", "dh", "mh");

    static Path dir;
    static Path key;
    static Path config;
    static final InProcessAgent[] agents = new InProcessAgent[RIPS.length];
    static final MBeanServer mbeans = MBeanServerFactory.newMBeanServer();
    static BridgeDaemon daemon;
    static LabClient client;
    static final List<HttpServer> sinks = new ArrayList<>();
    static final List<ListeningPort> checkPorts = new ArrayList<>();
    static Keepalived keepalived;
    static final GuestClock clock = new GuestClock();
    static long classStart;

    @BeforeAll
    static void labCluster() throws Exception {
        classStart = System.nanoTime();
        assertThat(Files.exists(Path.of("/proc/net/ip_vs")))
                .as("needs the lab's IPVS kernel: run with lab/kernel-tests director-bridge").isTrue();
        // The /24 the real servers live in, and the VIPs; each real server's address on a dummy link
        // of its own. (Taking such a link down does not cut a local address off: the kernel still
        // delivers to it, so a real server's link down needs the agent in a namespace of its own.)
        Commands.run("ip", "link", "add", "lvsfb-sw", "type", "dummy");
        Commands.run("ip", "address", "add", "10.78.0.1/24", "dev", "lvsfb-sw");
        Commands.run("ip", "address", "add", VIP + "/32", "dev", "lvsfb-sw");
        Commands.run("ip", "address", "add", KEEPALIVED_VIP + "/32", "dev", "lvsfb-sw");
        Commands.run("ip", "link", "set", "lvsfb-sw", "up");
        for (int i = 0; i < RIPS.length; i++) {
            Commands.run("ip", "link", "add", link(i), "type", "dummy");
            Commands.run("ip", "address", "add", RIPS[i] + "/32", "dev", link(i));
            Commands.run("ip", "link", "set", link(i), "up");
        }
        createService();
        for (String vip : List.of(VIP, KEEPALIVED_VIP)) {
            sinks.add(HttpSink.start(vip, 80));
        }
        client = LabClient.create("10.78.9.1", "10.78.9.2");

        dir = Files.createTempDirectory("fault-matrix");
        key = Files.writeString(dir.resolve("key"), KEY + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        startAgents(true); // the last one reports down: its VIP check fails
        agents[0].admin().weightOverride(50);
        agents[1].admin().drain();
        agents[2].admin().maintenance("kernel upgrade");
        config = Files.writeString(dir.resolve("bridge.properties"), String.join("\n",
                "services = " + SERVICE.replace(":80", ":*") + "," + KEEPALIVED_SERVICE.replace(":80", ":*")
                        + "," + LINK_SERVICE.replace(":80", ":*"),
                "secret-file = " + key, "agent-port = " + AGENT_PORT,
                "poll-interval = 1s", "poll-timeout = 700ms", "blackout = 0s", "max-step-percent = 100",
                "weight-levels = 0", "dead-band-percent = 0", "stale-after = " + STALE_AFTER_MILLIS + "ms",
                "http-port = 0", "state-file = " + dir.resolve("state"), ""));
        daemon = BridgeDaemon.start(new ConfigSource(config, Map.of()), NetlinkIpvsTable.open(), false, mbeans, 0);
        System.out.printf("fault matrix: cluster up in %d ms%n", millisSince(classStart));
    }

    static String link(int i) {
        return "lvsfb-rs" + (i + 1);
    }

    static void createService() {
        Commands.run("ipvsadm", "-A", "-t", VIP + ":80", "-s", "wrr");
        for (String rip : RIPS) {
            Commands.run("ipvsadm", "-a", "-t", VIP + ":80", "-r", rip + ":80", "-g", "-w", "100");
        }
    }

    static void startAgents(boolean lastDown) throws Exception {
        for (int i = 0; i < RIPS.length; i++) {
            agents[i] = InProcessAgent.start(RIPS[i], AGENT_PORT, key, lastDown && i == RIPS.length - 1);
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        clock.restore();
        if (keepalived != null) {
            keepalived.close();
        }
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
        for (int i = 0; i < agents.length; i++) {
            if (agents[i] != null) {
                agents[i].close();
                agents[i] = null;
            }
        }
        for (ListeningPort p : checkPorts) {
            p.close();
        }
        checkPorts.clear();
        sinks.forEach(s -> s.stop(0));
        sinks.clear();
        if (client != null) {
            client.close();
            client = null;
        }
        Commands.quietly("ipvsadm", "-D", "-t", VIP + ":80");
        Commands.quietly("ipvsadm", "-D", "-t", KEEPALIVED_VIP + ":80");
        Commands.quietly("ipvsadm", "-D", "-t", LINK_VIP + ":80");
        Commands.quietly("ip", "link", "del", LINK_HOST_SIDE);
        for (int i = 0; i < RIPS.length; i++) {
            Commands.quietly("ip", "link", "del", link(i));
        }
        Commands.quietly("ip", "link", "del", "lvsfb-sw");
        if (!Files.exists(Path.of("/proc/net/ip_vs"))) {
            loadIpVs(); // the tests after this one expect the lab's modules
        }
    }

    static BridgeMXBean bridge() {
        return JMX.newMXBeanProxy(mbeans, BridgeMXBean.objectName("bridge"), BridgeMXBean.class);
    }

    static DestinationMXBean destination(String service, String rs) {
        return JMX.newMXBeanProxy(mbeans, DestinationMXBean.objectName("bridge", service, rs), DestinationMXBean.class);
    }

    static void awaitCycles(int n) {
        long target = daemon.engine().cycles() + n;
        await().atMost(PATIENCE).until(() -> daemon.engine().cycles() >= target);
    }

    /** The kernel's weights of a service, by destination. */
    static Map<String, Integer> weights(String service) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        IpvsadmTable.read(false).service(service).forEach((rs, v) -> out.put(rs, v[0]));
        return out;
    }

    static void awaitWeights(String service, Map<String, Integer> expected) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(weights(service)).containsAllEntriesOf(expected));
    }

    /**
     * Reads the kernel's weights after each of the next cycles until {@code done} holds (at most
     * {@code maxCycles}), checking {@code always} on every reading: what must hold all along.
     * Returns the number of cycles it took.
     */
    static int everyCycleUntil(String service, int maxCycles, Consumer<Map<String, Integer>> always,
            java.util.function.Predicate<Map<String, Integer>> done) {
        for (int i = 1; i <= maxCycles; i++) {
            awaitCycles(1);
            Map<String, Integer> w = weights(service);
            always.accept(w);
            if (done.test(w)) {
                return i;
            }
        }
        throw new AssertionError("not reached within " + maxCycles + " cycles: " + weights(service));
    }

    /** Reads the kernel's weights after each of the next {@code cycles} cycles; {@code always} must hold on each. */
    static void everyCycleFor(String service, int cycles, Consumer<Map<String, Integer>> always) {
        for (int i = 0; i < cycles; i++) {
            awaitCycles(1);
            always.accept(weights(service));
        }
    }

    /** {@code n} requests from the client; every one must be answered; the connections IPVS gave each server. */
    static Map<String, Long> traffic(String service, String vip, int n) {
        Map<String, Long> before = IpvsadmTable.connections(service);
        List<String> statuses = client.get("http://" + vip + "/", n);
        assertThat(statuses).as("every request answered through IPVS").hasSize(n).containsOnly("200");
        // The kernel's counters as ipvsadm reads them are refreshed by the rate estimator (every 2 s).
        Map<String, Long> delta = new java.util.LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            delta.clear();
            IpvsadmTable.connections(service).forEach((rs, c) -> delta.put(rs, c - before.getOrDefault(rs, 0L)));
            return delta.values().stream().mapToLong(Long::longValue).sum() >= n;
        });
        System.out.printf("fault matrix: %d requests to %s scheduled %s%n", n, vip, delta);
        return delta;
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Test
    @Order(1)
    void agentsKilledWithSignal9AStaleReadyReturnsToItsBaseAStaleDrainMaintOrDownStaysAtZero() throws Exception {
        long start = System.nanoTime();
        awaitWeights(SERVICE, Map.of(RS1, 50, RS2, 0, RS3, 0, RS4, 0));

        long killed = System.nanoTime();
        for (InProcessAgent a : agents) {
            a.kill();
        }
        try {
            killedAgentsFollowTheStaleRule(killed, start);
        } finally {
            // The agents come back (the application restarted), for the steps after this one.
            startAgents(false);
            agents[0].admin().weightOverride(50);
            for (int i = 1; i < agents.length; i++) {
                agents[i].admin().weightOverride(100);
            }
        }
        awaitWeights(SERVICE, Map.of(RS1, 50, RS2, 100, RS3, 100, RS4, 100));
        System.out.printf("fault matrix: kill -9: agents back and followed; step %d ms%n", millisSince(start));
    }

    private static void killedAgentsFollowTheStaleRule(long killed, long start) {
        int cycles = everyCycleUntil(SERVICE, 15,
                w -> assertThat(w).as("a silenced drain, maint or down is never raised")
                        .containsEntry(RS2, 0).containsEntry(RS3, 0).containsEntry(RS4, 0),
                w -> w.get(RS1) == 100);
        long toBase = millisSince(killed);
        assertThat(toBase).as("the stale ready goes back to its base only once its report is stale-after old")
                .isGreaterThanOrEqualTo(STALE_AFTER_MILLIS - 1500);
        everyCycleFor(SERVICE, 3, w -> assertThat(w).containsEntry(RS1, 100).containsEntry(RS2, 0)
                .containsEntry(RS3, 0).containsEntry(RS4, 0));
        assertThat(destination(SERVICE, RS2).getReason()).contains("said drain");
        assertThat(destination(SERVICE, RS3).getReason()).contains("said maint");
        assertThat(destination(SERVICE, RS4).getReason()).contains("said down");
        Map<String, Long> scheduled = traffic(SERVICE, VIP, 12);
        assertThat(scheduled).as("new connections reach only the server whose last word was ready")
                .containsEntry(RS1, 12L).containsEntry(RS2, 0L).containsEntry(RS3, 0L).containsEntry(RS4, 0L);
        System.out.printf("fault matrix: kill -9: ready back to base %d ms (%d cycles) after the kill; %d ms so far%n",
                toBase, cycles, millisSince(start));
    }

    /**
     * The fifth real server's agent listens in a namespace of its own, behind a veth: with its link
     * down the bridge's polls fail (a local address on a downed link would still be delivered to).
     * While down it follows the stale rule; a drain given meanwhile is not lost once the link is up.
     */
    @Test
    @Order(2)
    void aRealServersLinkDownFollowsTheStaleRuleAndADrainGivenMeanwhileIsAppliedOnceItIsUp() throws Exception {
        long start = System.nanoTime();
        try (JoinedNamespace rs5 = JoinedNamespace.create("lvsfb-rs5")) {
            Commands.run("ip", "link", "add", LINK_HOST_SIDE, "type", "veth", "peer", "name", "eth0", "netns", rs5.name());
            Commands.run("ip", "address", "add", "10.78.5.1/24", "dev", LINK_HOST_SIDE);
            Commands.run("ip", "link", "set", LINK_HOST_SIDE, "up");
            rs5.ip("address", "add", RS5_IP + "/24", "dev", "eth0");
            rs5.ip("link", "set", "eth0", "up");
            Commands.run("ipvsadm", "-A", "-t", LINK_VIP + ":80", "-s", "wrr");
            Commands.run("ipvsadm", "-a", "-t", LINK_VIP + ":80", "-r", RS1, "-g", "-w", "100");
            Commands.run("ipvsadm", "-a", "-t", LINK_VIP + ":80", "-r", RS5, "-g", "-w", "100");
            // Started on the namespace's thread: the agent's listening socket belongs to the namespace.
            InProcessAgent agent = rs5.call(() -> InProcessAgent.start(RS5_IP, AGENT_PORT, key, false));
            try {
                agent.admin().weightOverride(50);
                awaitWeights(LINK_SERVICE, Map.of(RS1, 50, RS5, 50));

                long down = System.nanoTime();
                rs5.ip("link", "set", "eth0", "down");
                int cycles = everyCycleUntil(LINK_SERVICE, 15, w -> assertThat(w).as("while the link is down")
                        .containsEntry(RS1, 50).hasEntrySatisfying(RS5, v -> assertThat(v).isIn(50, 100)),
                        w -> w.get(RS5) == 100);
                long toBase = millisSince(down);
                assertThat(toBase).as("a silent ready goes back to its base only once its report is stale-after old")
                        .isGreaterThanOrEqualTo(STALE_AFTER_MILLIS - 1500);
                assertThat(destination(LINK_SERVICE, RS5).getReason()).contains("old: base weight 100");
                String pollError = destination(LINK_SERVICE, RS5).getLastPollError();
                assertThat(pollError).as("the polls fail while the link is down").isNotEmpty();

                // The operator drains the server while the bridge cannot hear it.
                agent.admin().drain();
                long up = System.nanoTime();
                rs5.ip("link", "set", "eth0", "up");
                everyCycleUntil(LINK_SERVICE, 15, w -> assertThat(w).as("once the link is up")
                        .containsEntry(RS1, 50).hasEntrySatisfying(RS5, v -> assertThat(v).isIn(100, 0)),
                        w -> w.get(RS5) == 0);
                long drained = millisSince(up);
                assertThat(destination(LINK_SERVICE, RS5).getReason()).contains("agent says drain");
                agent.admin().resume();
                awaitWeights(LINK_SERVICE, Map.of(RS1, 50, RS5, 50));
                System.out.printf("fault matrix: link down: base after %d ms (%d cycles; poll error: %s); up: drain"
                        + " applied %d ms later; step %d ms%n", toBase, cycles, pollError, drained, millisSince(start));
            } finally {
                agent.close();
                Commands.quietly("ipvsadm", "-D", "-t", LINK_VIP + ":80");
                Commands.quietly("ip", "link", "del", LINK_HOST_SIDE);
            }
        }
    }

    @Test
    @Order(3)
    void theClockSteppedBackAndForwardStallsResetsAndMovesNothing() {
        long start = System.nanoTime();
        awaitWeights(SERVICE, Map.of(RS1, 50, RS2, 100, RS3, 100, RS4, 100));
        Map<String, Integer> before = weights(SERVICE);
        try {
            for (long offset : new long[] {-3_600_000L, 3_600_000L}) {
                long writes = bridge().getWeightWrites();
                long stepped = System.nanoTime();
                clock.stepTo(offset);
                assertThat(Math.abs(clock.offsetMillis() - offset)).as("the guest's clock was stepped").isLessThan(60_000);
                everyCycleFor(SERVICE, 4, w -> assertThat(w).as("nothing moves when the clock steps " + offset + " ms")
                        .isEqualTo(before));
                long fourCycles = millisSince(stepped);
                assertThat(bridge().getWeightWrites()).as("nothing written").isEqualTo(writes);
                for (String rs : List.of(RS1, RS2, RS3, RS4)) {
                    assertThat(destination(SERVICE, rs).getLastReportAgeMillis()).as("fresh reports for " + rs)
                            .isLessThan(STALE_AFTER_MILLIS);
                }
                // The agents' samples after the step are the ones the bridge asks for (at=): a change is followed.
                long changed = System.nanoTime();
                agents[0].admin().weightOverride(30);
                awaitWeights(SERVICE, Map.of(RS1, 30));
                long followed = millisSince(changed);
                agents[0].admin().weightOverride(50);
                awaitWeights(SERVICE, before);
                System.out.printf("fault matrix: clock %+d s: 4 cycles in %d ms, a change followed in %d ms%n",
                        offset / 1000, fourCycles, followed);
            }
        } finally {
            clock.restore();
        }
        assertThat(Math.abs(clock.offsetMillis())).as("the clock is back").isLessThan(2_000);
        everyCycleFor(SERVICE, 2, w -> assertThat(w).isEqualTo(before));
        System.out.printf("fault matrix: clock steps: step %d ms%n", millisSince(start));
    }

    @Test
    @Order(4)
    void ipVsUnloadedAndLoadedUnderARunningBridge() {
        long start = System.nanoTime();
        agents[2].admin().drain();
        awaitWeights(SERVICE, Map.of(RS3, 0));
        long writeFailures = bridge().getWriteFailures();

        long reload = System.nanoTime();
        Commands.run("ipvsadm", "-C"); // rmmod refuses while a service holds its scheduler
        try {
            unloadIpVs();
            // The bridge goes on cycling: each cycle's read fails and nothing is written from stale data.
            long failuresNow = bridge().getReadFailures();
            await().atMost(PATIENCE).until(() -> bridge().getReadFailures() >= failuresNow + 2);
        } finally {
            loadIpVs();
        }
        long out = millisSince(reload);
        // Whoever owns the table (keepalived, a script) puts the services back with their configured weights.
        createService();
        long recreated = System.nanoTime();
        awaitWeights(SERVICE, Map.of(RS1, 50, RS2, 100, RS3, 0, RS4, 100));
        long managed = millisSince(recreated);
        await().atMost(PATIENCE).until(() -> daemon.engine().service(
                io.lvsfeedback.netlink.ipvs.ServiceKey.parse(SERVICE)).destinations().size() == 4);
        assertThat(bridge().getWriteFailures()).as("nothing written while the table was away").isEqualTo(writeFailures);
        Map<String, Long> scheduled = traffic(SERVICE, VIP, 12);
        assertThat(scheduled.get(RS3)).as("the drained server gets no connection").isZero();
        assertThat(scheduled.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
        agents[2].admin().resume();
        awaitWeights(SERVICE, Map.of(RS3, 100));
        System.out.printf("fault matrix: ip_vs out and back in %d ms; weights managed again %d ms after the table came back; step %d ms%n",
                out, managed, millisSince(start));
    }

    @Test
    @Order(5)
    void keepalivedsInhibitedZeroIsNeverRaisedAndItsReloadDoesNotFightTheBridge() throws Exception {
        assertThat(Files.isExecutable(Keepalived.BINARY)).as("keepalived installed on the host (apt-get install keepalived)").isTrue();
        long start = System.nanoTime();
        checkPorts.add(ListeningPort.open(RIPS[0], CHECK_PORT));
        checkPorts.add(ListeningPort.open(RIPS[1], CHECK_PORT));
        StringBuilder conf = new StringBuilder("global_defs {\n    router_id lvsfb-fault-matrix\n}\n")
                .append("virtual_server ").append(KEEPALIVED_VIP).append(" 80 {\n    delay_loop 1\n    lb_algo wrr\n")
                .append("    lb_kind DR\n    protocol TCP\n");
        for (String rip : List.of(RIPS[0], RIPS[1])) {
            conf.append("    real_server ").append(rip).append(" 80 {\n        weight 100\n        inhibit_on_failure\n")
                    .append("        TCP_CHECK {\n            connect_port ").append(CHECK_PORT)
                    .append("\n            connect_timeout 1\n            retry 0\n        }\n    }\n");
        }
        conf.append("}\n");
        keepalived = Keepalived.start(dir, conf.toString());
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(keepalived.alive()).as("keepalived running: %s", keepalived.log()).isTrue();
                assertThat(weights(KEEPALIVED_SERVICE)).as("keepalived's virtual server, managed by the bridge")
                        .containsEntry(RS1, 50).containsEntry(RS2, 100);
            });
            long owned = millisSince(start);

            long failed = System.nanoTime();
            checkPorts.get(1).close(); // RS2's check fails: keepalived writes 0
            awaitWeights(KEEPALIVED_SERVICE, Map.of(RS2, 0));
            long inhibited = millisSince(failed);
            everyCycleFor(KEEPALIVED_SERVICE, 4, w -> assertThat(w).as("keepalived's 0 is never raised")
                    .containsEntry(RS2, 0).containsEntry(RS1, 50));
            assertThat(destination(KEEPALIVED_SERVICE, RS2).isQuiesced()).isTrue();
            Map<String, Long> scheduled = traffic(KEEPALIVED_SERVICE, KEEPALIVED_VIP, 12);
            assertThat(scheduled).containsEntry(RS1, 12L).containsEntry(RS2, 0L);

            long writes = bridge().getWeightWrites();
            keepalived.reload();
            everyCycleFor(KEEPALIVED_SERVICE, 6, w -> assertThat(w).as("after keepalived's reload")
                    .containsEntry(RS2, 0).containsEntry(RS1, 50));
            assertThat(keepalived.alive()).isTrue();
            assertThat(bridge().getWeightWrites()).as("no write war with keepalived after its reload").isEqualTo(writes);

            // RS2's agent now suggests 60 %; its check passes again: keepalived writes its weight
            // back, the bridge takes it as the new base and follows the agent from there.
            agents[1].admin().weightOverride(60);
            long passed = System.nanoTime();
            checkPorts.set(1, ListeningPort.open(RIPS[1], CHECK_PORT));
            awaitWeights(KEEPALIVED_SERVICE, Map.of(RS1, 50, RS2, 60));
            assertThat(destination(KEEPALIVED_SERVICE, RS2).isQuiesced()).isFalse();
            assertThat(destination(KEEPALIVED_SERVICE, RS2).getBaseWeight()).isEqualTo(100);
            System.out.printf("fault matrix: keepalived: managed %d ms after start, inhibited in %d ms, re-enabled and"
                    + " followed in %d ms; step %d ms%n", owned, inhibited, millisSince(passed), millisSince(start));
        } finally {
            keepalived.close();
        }
        assertThat(keepalived.alive()).isFalse();
    }

    @Test
    @Order(6)
    void nothingIsLeftBehind() throws Exception {
        cleanUp();
        assertThat(Files.exists(Path.of("/proc/net/ip_vs"))).as("ip_vs loaded for the tests after this one").isTrue();
        assertThat(Commands.run("lsmod")).contains("ip_vs_wrr").contains("ip_vs_mh");
        assertThat(IpvsadmTable.read(false).services).doesNotContainKeys(SERVICE, KEEPALIVED_SERVICE, LINK_SERVICE);
        assertThat(Commands.run("ip", "-o", "link")).doesNotContain("lvsfb-sw").doesNotContain("lvsfb-rs")
                .doesNotContain("lvsfb-rv").doesNotContain("lvsfb-cv");
        assertThat(Commands.run("ip", "netns", "list")).doesNotContain("lvsfb-cli").doesNotContain("lvsfb-rs5");
        assertThat(Math.abs(clock.offsetMillis())).as("the guest's clock is the true time").isLessThan(2_000);
        System.out.printf("fault matrix: the whole class took %d ms%n", millisSince(classStart));
    }

    /** Namespaces and destinations deleted by earlier tests release the module asynchronously: retry for a while. */
    static void unloadIpVs() {
        List<String> unload = new ArrayList<>(List.of("modprobe", "-r", "-a"));
        SCHEDULERS.forEach(s -> unload.add("ip_vs_" + s));
        unload.add("ip_vs");
        await("ip_vs unloaded").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> Commands.exec(unload, 60).status == 0 && !Files.exists(Path.of("/proc/net/ip_vs")));
    }

    static void loadIpVs() {
        List<String> load = new ArrayList<>(List.of("modprobe", "-a", "ip_vs"));
        SCHEDULERS.forEach(s -> load.add("ip_vs_" + s)); // as the lab loads them at boot
        Commands.run(load.toArray(new String[0]));
    }
}
