package io.lvsfeedback.bridge.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.lvsfeedback.bridge.engine.Remembered;
import io.lvsfeedback.bridge.engine.StateFile;
import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.bridge.ipvs.ServiceDestination;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import io.lvsfeedback.testfixtures.Commands;
import io.lvsfeedback.testfixtures.ProcessSignals;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real director-bridge ({@link BridgeJvm}: the built jar in a JVM of its own) killed with
 * SIGKILL while it writes a big batch to the lab's IPVS kernel, then restarted (RELIABILITY.md,
 * bridge {@code kill -9}). Four real agent runtimes ({@link InProcessAgent}) serve 804
 * destinations: a DR service on port 80 that a client namespace sends HTTP through, and four NAT
 * services of 50 ports per real server; each agent is polled once per cycle for all of its
 * destinations, so one change of the agents' reports is a batch of about 600 writes (ten
 * netlink datagrams of 64). The bridge saves the weights on their way ({@code pending=}) to its
 * state file just before a batch: the test freezes it (SIGSTOP) as soon as that file says so, then
 * lets it run in slices of about half a millisecond, looking at {@code /proc/net/ip_vs} between
 * them, until the kernel shows the batch's first write, and kills it there (SIGKILL). Under TCG one
 * look at the kernel takes longer than a whole batch (70-120 ms), so without the freeze every kill
 * landed before or after the batch. The state file it left and the kernel's table then say how much of
 * the batch arrived.
 *
 * <p>A class of its own rather than a step of {@link FaultMatrixKernelTest}: that one runs its
 * bridge in-process (it cannot be killed) and already takes 85-105 s of the lab's budget; this
 * one needs a bridge JVM of its own, started three times, and a table a hundred times larger. The steps build on each other.
 *
 * <p>Alone in the lab: {@code lab/kernel-tests --select BridgeKilledMidBatchKernelTest director-bridge}.
 */
@Tag("kernel")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BridgeKilledMidBatchKernelTest {
    static final String VIP = "10.79.0.100";
    static final String[] RIPS = {"10.79.0.11", "10.79.0.12", "10.79.0.13", "10.79.0.14"};
    /** The last real server's agent says drain all along: its destinations must stay at 0. */
    static final int DRAINED = 3;
    static final int TRAFFIC_PORT = 80;
    static final int[] BATCH_SERVICE_PORTS = {10001, 10002, 10003, 10004};
    static final int FIRST_REAL_PORT = 20000;
    static final int REAL_PORTS = 50;
    /** Every destination's weight when the bridge first sees it: its base. */
    static final int BASE = 100;
    static final int AGENT_PORT = 3333;
    static final int HTTP_PORT = 19187;
    static final String LINK = "lvsfb-k9";
    static final String KEY = "bridge-kill9-secret-0123456789";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The agents' suggested percents (of the base) for RS1-RS3: never 100 (the base) nor 0. */
    static final int[] FIRST = {50, 70, 30};
    static final int[] MEASURED = {80, 40, 60};
    static final int[][] KILLED = {{40, 90, 20}, {70, 50, 80}};

    static final List<ServiceDestination> destinations = new ArrayList<>();
    static final InProcessAgent[] agents = new InProcessAgent[RIPS.length];
    static Path dir;
    static Path logs;
    static Path config;
    static Path state;
    static HttpServer sink;
    static LabClient client;
    static BridgeJvm bridge;
    static int[] percents;
    static final List<KilledBatch> kills = new ArrayList<>();
    static long classStart;

    @BeforeAll
    static void cluster() throws Exception {
        classStart = System.nanoTime();
        assertThat(Files.exists(Path.of("/proc/net/ip_vs")))
                .as("needs the lab's IPVS kernel: run with lab/kernel-tests director-bridge").isTrue();
        assertThat(BridgeJvm.JAR).as("the bridge jar (mvn install)").isRegularFile();
        Commands.run("ip", "link", "add", LINK, "type", "dummy");
        Commands.run("ip", "address", "add", "10.79.0.1/24", "dev", LINK);
        Commands.run("ip", "address", "add", VIP + "/32", "dev", LINK);
        for (String rip : RIPS) {
            Commands.run("ip", "address", "add", rip + "/32", "dev", LINK);
        }
        Commands.run("ip", "link", "set", LINK, "up");
        dir = Files.createTempDirectory("bridge-kill9");
        String results = System.getenv("LAB_RESULTS");
        logs = results == null ? dir : Files.createDirectories(Path.of(results, "director-bridge", "bridge-kill9"));
        createServices();
        sink = HttpSink.start(VIP, TRAFFIC_PORT);
        client = LabClient.create("10.79.9.1", "10.79.9.2");

        Path key = Files.writeString(dir.resolve("key"), KEY + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        for (int i = 0; i < RIPS.length; i++) {
            agents[i] = InProcessAgent.start(RIPS[i], AGENT_PORT, key, false);
        }
        agents[DRAINED].admin().drain();
        ProcessSignals.prepare(); // not while a batch is on its way
        state = dir.resolve("state");
        config = Files.writeString(dir.resolve("bridge.properties"), String.join("\n",
                "services = tcp:" + VIP + ":*", "secret-file = " + key, "agent-port = " + AGENT_PORT,
                "poll-interval = 1s", "poll-timeout = 700ms", "blackout = 0s", "max-step-percent = 100",
                "weight-levels = 0", "dead-band-percent = 0", "stale-after = 5s",
                "http-address = 127.0.0.1", "http-port = " + HTTP_PORT, "state-file = " + state, ""));
        System.out.printf("bridge kill -9: %d destinations, set up in %d ms%n", destinations.size(), millisSince(classStart));
    }

    /** One ipvsadm -R for all 804 destinations (one process per destination takes minutes under TCG). */
    static void createServices() throws IOException {
        StringBuilder rules = new StringBuilder();
        rules.append("-A -t ").append(VIP).append(':').append(TRAFFIC_PORT).append(" -s wrr\n");
        for (String rip : RIPS) {
            rules.append("-a -t ").append(VIP).append(':').append(TRAFFIC_PORT).append(" -r ").append(rip).append(':')
                    .append(TRAFFIC_PORT).append(" -g -w ").append(BASE).append('\n');
            destinations.add(destination(TRAFFIC_PORT, rip, TRAFFIC_PORT));
        }
        for (int port : BATCH_SERVICE_PORTS) {
            rules.append("-A -t ").append(VIP).append(':').append(port).append(" -s wrr\n");
            for (String rip : RIPS) {
                for (int p = FIRST_REAL_PORT; p < FIRST_REAL_PORT + REAL_PORTS; p++) {
                    rules.append("-a -t ").append(VIP).append(':').append(port).append(" -r ").append(rip).append(':')
                            .append(p).append(" -m -w ").append(BASE).append('\n');
                    destinations.add(destination(port, rip, p));
                }
            }
        }
        Path file = Files.writeString(dir.resolve("ipvs.rules"), rules);
        Commands.run("sh", "-c", "ipvsadm -R < " + file);
        assertThat(weights()).as("every destination in the kernel at its base").hasSize(destinations.size())
                .allSatisfy((d, w) -> assertThat(w).isEqualTo(BASE));
    }

    static ServiceDestination destination(int servicePort, String rip, int port) {
        return new ServiceDestination(ServiceKey.parse("tcp:" + VIP + ":" + servicePort), DestinationKey.parse(rip + ":" + port));
    }

    @AfterAll
    static void cleanUp() {
        if (bridge != null) {
            bridge.close();
        }
        for (InProcessAgent a : agents) {
            if (a != null) {
                a.close();
            }
        }
        if (sink != null) {
            sink.stop(0);
        }
        if (client != null) {
            client.close();
        }
        Commands.quietly("ipvsadm", "-D", "-t", VIP + ":" + TRAFFIC_PORT);
        for (int port : BATCH_SERVICE_PORTS) {
            Commands.quietly("ipvsadm", "-D", "-t", VIP + ":" + port);
        }
        Commands.quietly("ip", "link", "del", LINK);
        System.out.printf("bridge kill -9: the whole class took %d ms%n", millisSince(classStart));
    }

    @Test
    @Order(1)
    void theRealBridgeFollowsTheAgentsOnEveryDestination() throws Exception {
        setPercents(FIRST);
        bridge = BridgeJvm.start(logs, "bridge-1", config);
        awaitConverged();
        System.out.printf("bridge kill -9: first bridge's weights on all %d destinations %d ms after its launch%n",
                destinations.size(), millisSince(bridge.launchedNanos()));
        // The kernel shows a batch before the bridge saves its outcome: the intent then goes.
        await().atMost(PATIENCE).until(() -> !Files.readString(state).contains(" pending="));

        // One batch left alone, to time a batch of this size in this guest (the figures).
        double[] before = writeSeconds();
        setPercents(MEASURED);
        awaitConverged();
        await().atMost(PATIENCE).until(() -> writeSeconds()[1] > before[1]); // counted once its cycle ends
        double[] after = writeSeconds();
        System.out.printf("bridge kill -9: a batch of %d writes took %.0f ms (the bridge's ipvs_write timer: state"
                + " file intent and netlink)%n", 3 * destinations.size() / RIPS.length,
                (after[0] - before[0]) / (after[1] - before[1]) * 1000);
    }

    /**
     * Two kills while a batch is on its way, each once its first write is in the kernel. After each
     * restart, every reading of the kernel until the restarted bridge has converged and cycled twice
     * shows each weight at its value before the batch, on its way or at the new target: none at the
     * base, none at 0 but the drained, whose 0 stays; the state file it then writes keeps every base.
     */
    @Test
    @Order(2)
    void killedWithSignal9MidBatchAndRestartedItResetsNothingAndConverges() throws Exception {
        for (int k = 0; k < KILLED.length; k++) {
            assertThat(bridge.alive()).as("the bridge runs before kill %d%s", k + 1, bridge.output()).isTrue();
            setPercents(KILLED[k]);
            long announced = System.nanoTime();
            Path intent = freezeOnceABatchIsAnnounced(logs.resolve("intent-" + (k + 1)));
            int slices = runUntilTheBatchsFirstWriteIsIn(StateFile.read(intent));
            bridge.kill();
            long killedAfter = millisSince(announced);
            Map<ServiceDestination, Remembered> left = StateFile.read(state);
            Files.copy(state, logs.resolve("state-at-kill-" + (k + 1)), StandardCopyOption.REPLACE_EXISTING);
            // The batch as announced; the state file the restarted bridge reads may be a later one.
            KilledBatch batch = KilledBatch.of(StateFile.read(intent), IpvsadmTable.read(false));
            kills.add(batch);
            System.out.printf("bridge kill -9: kill %d after %d slices of run (%d ms after the test began to wait for the batch): %s%n",
                    k + 1, slices, killedAfter, batch);
            assertThat(batch.neither()).as("every weight of the batch is its old or its new one").isEmpty();
            assertThat(answered(6)).as("IPVS answers while the bridge is down").isEqualTo(6);

            bridge = BridgeJvm.start(logs, "bridge-" + (k + 2), config);
            restartedBridgeResetsNothingAndConverges(left);
        }
        long midBatch = kills.stream().filter(KilledBatch::midBatch).count();
        System.out.printf("bridge kill -9: %d of %d kills landed mid-batch%n", midBatch, kills.size());
        assertThat(midBatch).as("some kill found a partly applied batch in the kernel: %s", kills).isPositive();
    }

    private static void restartedBridgeResetsNothingAndConverges(Map<ServiceDestination, Remembered> left) throws Exception {
        long launched = bridge.launchedNanos();
        int readings = 0;
        long convergedAfter = -1;
        Map<ServiceDestination, Integer> target = target();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Map<ServiceDestination, Integer> now = weights();
            readings++;
            List<String> wrong = new ArrayList<>();
            for (ServiceDestination d : destinations) {
                String why = restartTouched(d, now.get(d), left.get(d), target.get(d));
                if (why != null) {
                    wrong.add(d + ": " + why);
                }
            }
            assertThat(wrong).as("kernel reading %d after the restart", readings).isEmpty();
            if (now.equals(target) && convergedAfter < 0) {
                convergedAfter = millisSince(launched);
            }
            if (convergedAfter >= 0 && cycles() >= 2) {
                break; // and the restarted bridge has looked at it twice
            }
            assertThat(System.nanoTime()).as("converged within %s%s", PATIENCE, bridge.output()).isLessThan(deadline);
            Thread.sleep(700); // each reading is a process and 804 lines to parse: leave the 2 CPUs to the bridge
        }
        long checked = millisSince(launched);
        String log = bridge.log();
        Matcher remembered = Pattern.compile("remembered bases of (\\d+) destination").matcher(log);
        assertThat(remembered.find()).as("the restarted bridge read its state file%s", bridge.output()).isTrue();
        assertThat(Integer.parseInt(remembered.group(1))).isEqualTo(destinations.size());
        assertThat(log).as("its own writes are not another party's").doesNotContain("written by another party")
                .as("its own drain's 0 is not another party's quiesce").doesNotContain("quiesced by another party");
        // Once saved after its batch: every base still the operator's, no 0 taken for a health checker's.
        await().atMost(PATIENCE).until(() -> !Files.readString(state).contains(" pending="));
        assertThat(StateFile.read(state)).hasSize(destinations.size())
                .allSatisfy((d, r) -> assertThat(r).as("%s", d).isEqualTo(new Remembered(BASE, target.get(d), false)));
        assertThat(answered(6)).as("IPVS answers after the restart").isEqualTo(6);
        System.out.printf("bridge kill -9: restarted bridge: the agents' weights in the kernel %d ms after its launch, its"
                + " second cycle done %d ms after (%d kernel readings, none reset); 12 of 12 requests answered around it%n",
                convergedAfter, checked, readings);
    }

    /** Null when the restart left this weight alone, else what it did. */
    private static String restartTouched(ServiceDestination d, Integer weight, Remembered before, int target) {
        if (weight == null) {
            return "missing";
        }
        if (isDrained(d)) {
            return weight == 0 ? null : "the drained destination's 0 became " + weight;
        }
        if (weight == BASE || weight == 0) {
            return "reset to " + weight;
        }
        boolean ours = weight == before.weight() || weight == target
                || (before.pending() != Remembered.NONE && weight == before.pending());
        return ours ? null : weight + " is neither its weight before the batch (" + before.weight() + "), on its way ("
                + before.pending() + ") nor the target (" + target + ")";
    }

    /** The drained agent comes back: its destinations rise, so their 0 was the bridge's own drain, not a quiesce. */
    @Test
    @Order(3)
    void theDrainedDestinationsZeroWasTheBridgesOwnAndRisesOnResume() throws Exception {
        agents[DRAINED].admin().weightOverride(60);
        agents[DRAINED].admin().resume();
        long resumed = System.nanoTime();
        Map<ServiceDestination, Integer> target = target();
        destinations.stream().filter(BridgeKilledMidBatchKernelTest::isDrained).forEach(d -> target.put(d, 60));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> weights().equals(target));
        assertThat(answered(12)).isEqualTo(12);
        System.out.printf("bridge kill -9: the drained server resumed at 60 %% %d ms later; 12 of 12 requests answered%n",
                millisSince(resumed));
    }

    static void setPercents(int[] p) {
        for (int i = 0; i < p.length; i++) {
            agents[i].admin().weightOverride(p[i]);
        }
        percents = p.clone();
    }

    static boolean isDrained(ServiceDestination d) {
        return d.destination().address().getHostAddress().equals(RIPS[DRAINED]);
    }

    /** What the agents' current percents make of every destination's weight. */
    static Map<ServiceDestination, Integer> target() {
        Map<ServiceDestination, Integer> out = new LinkedHashMap<>();
        for (ServiceDestination d : destinations) {
            int rip = List.of(RIPS).indexOf(d.destination().address().getHostAddress());
            out.put(d, rip == DRAINED ? 0 : BASE * percents[rip] / 100);
        }
        return out;
    }

    static void awaitConverged() {
        Map<ServiceDestination, Integer> target = target();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            assertThat(bridge.alive()).as("the bridge runs%s", bridge.output()).isTrue();
            assertThat(weights()).isEqualTo(target);
        });
    }

    /** The kernel's weight of each destination, by ipvsadm. */
    static Map<ServiceDestination, Integer> weights() {
        IpvsadmTable table = IpvsadmTable.read(false);
        Map<ServiceDestination, Integer> out = new LinkedHashMap<>();
        for (ServiceDestination d : destinations) {
            int[] v = table.service(d.service().toString()).get(d.destination().toString());
            if (v != null) {
                out.put(d, v[0]);
            }
        }
        return out;
    }

    /**
     * Waits for the state file to name weights on their way (the bridge saves them just before it
     * sends the batch), freezes the bridge at once and keeps that file's text in {@code copy}: the
     * batch may be over by the time the bridge stops. Reads the file only when its size changed
     * (the intent adds a field per line).
     */
    static Path freezeOnceABatchIsAnnounced(Path copy) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long seenSize = -2;
        while (System.nanoTime() < deadline) {
            try {
                long size = Files.size(state);
                if (size != seenSize) {
                    seenSize = size;
                    String text = Files.readString(state);
                    if (text.contains(" pending=")) {
                        bridge.freeze();
                        return Files.writeString(copy, text);
                    }
                }
            } catch (NoSuchFileException e) {
                seenSize = -1;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no write batch announced within " + PATIENCE + bridge.output());
    }

    /**
     * With the bridge frozen in its batch: lets it run in short slices until the kernel shows the
     * batch's first write (the state file lists the batch in its order). Returns the slices taken.
     */
    static int runUntilTheBatchsFirstWriteIsIn(Map<ServiceDestination, Remembered> intent) throws Exception {
        Map.Entry<ServiceDestination, Remembered> first = intent.entrySet().stream()
                .filter(e -> e.getValue().pending() != Remembered.NONE).findFirst()
                .orElseThrow(() -> new AssertionError("no pending write in " + intent));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int slices = 0;
        while (ProcIpVs.read().weight(first.getKey()) != first.getValue().pending()) {
            assertThat(System.nanoTime()).as("the batch's first write %s in the kernel", first).isLessThan(deadline);
            bridge.thaw();
            LockSupport.parkNanos(500_000);
            bridge.freeze();
            slices++;
        }
        return slices;
    }

    /** Cycles the running bridge has finished; 0 while its status port is not up yet. */
    static long cycles() {
        try {
            return (long) metric(metrics(), "lvsfeedback_bridge_cycle_seconds_count");
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static String metrics() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/metrics"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Sum and count of the bridge's ipvs write timer: the time spent sending batches. */
    static double[] writeSeconds() throws Exception {
        String text = metrics();
        return new double[] {metric(text, "lvsfeedback_bridge_ipvs_write_seconds_sum"),
                metric(text, "lvsfeedback_bridge_ipvs_write_seconds_count")};
    }

    static double metric(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(text);
        assertThat(m.find()).as("%s in /metrics", name).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** {@code n} requests from the client namespace through the VIP; how many were answered. */
    static long answered(int n) {
        return client.get("http://" + VIP + "/", n).stream().filter("200"::equals).count();
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
