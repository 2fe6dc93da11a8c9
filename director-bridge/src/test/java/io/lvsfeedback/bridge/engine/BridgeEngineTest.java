package io.lvsfeedback.bridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.bridge.config.ConfigException;
import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.bridge.policy.Decision.Cause;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeEngineTest {
    static final String WEB = "tcp:10.0.0.10:80";
    static final FeedbackReport DRAIN = FeedbackReport.builder().state(AdminState.DRAIN).weightPercent(0).build();
    /** The default places of the state file for this test's engines, instead of /var/lib and /run. */
    @TempDir
    Path dir;
    final FakeIpvsTable table = new FakeIpvsTable().service(WEB, "wrr")
            .dest(WEB, "10.0.0.1:80", 100).dest(WEB, "10.0.0.2:80", 100);
    final FakePoller poller = new FakePoller();
    final ManualClock clock = new ManualClock();

    static BridgeConfig config(String... kv) {
        Map<String, String> m = new HashMap<>(Map.of("allow-unauthenticated", "true", "blackout", "2s",
                "stale-after", "3s", "max-step-percent", "100", "weight-levels", "0"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        try {
            return BridgeConfig.parse(m);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    static FeedbackReport capacity(double c) {
        return FeedbackReport.builder().signal("capacity", c).ports(List.of(80)).build();
    }

    static DestinationState dest(BridgeEngine e, String service, String destination) {
        return e.service(ServiceKey.parse(service)).destination(DestinationKey.parse(destination));
    }

    BridgeEngine engine(BridgeConfig cfg) {
        return new BridgeEngine(table, poller, clock, clock, cfg, List.of(varFile(), runFile()));
    }

    Path varFile() {
        return dir.resolve("var/lib/lvs-feedback/bridge.state");
    }

    Path runFile() {
        return dir.resolve("run/lvs-feedback/bridge.state");
    }

    void run(BridgeEngine e, int cycles) {
        for (int i = 0; i < cycles; i++) {
            e.cycle();
            clock.advance(1000);
        }
    }

    void agents(double c1, double c2) {
        poller.reports.put("10.0.0.1:3333", capacity(c1));
        poller.reports.put("10.0.0.2:3333", capacity(c2));
    }

    /** An engine past the blackout whose agents report 300 and 100: weights 150 and 50. */
    BridgeEngine settledAt150And50(BridgeConfig cfg) {
        agents(300, 100);
        BridgeEngine e = engine(cfg);
        run(e, 3);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
        return e;
    }

    @Test
    void startReadsKernelWeightsAndWritesNothingWithoutReports() {
        table.dest(WEB, "10.0.0.2:80", 7);
        BridgeEngine e = engine(config());
        run(e, 3);
        assertThat(table.writes()).isZero();
        assertThat(dest(e, WEB, "10.0.0.2:80").baseWeight()).isEqualTo(7);
        assertThat(dest(e, WEB, "10.0.0.2:80").lastDecision().reason()).isEqualTo("no report yet (2.0s of 3.0s): kept at 7");
        run(e, 1);
        assertThat(dest(e, WEB, "10.0.0.2:80").lastDecision().reason()).isEqualTo("no report yet: base weight 7");
    }

    /**
     * Issue 14: a bridge restarted (with its state file) whose first polls fail must not reset the
     * weights it or another director set: it keeps the kernel's for stale-after, and rejoins the
     * reports' weights as soon as it hears the agents. Was: base weights at once (150/50 -> 100/100,
     * and a drained 0 raised to the base).
     */
    @Test
    void aRestartedBridgeThatHasNotHeardTheAgentsYetKeepsTheKernelsWeights() {
        Path state = dir.resolve("state");
        drainTheSecondWith(config("state-file", state.toString()));
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(100); // alone among the ready ones: 1.0x
        int writes = table.writes();
        Map<String, FeedbackReport> before = new HashMap<>(poller.reports);
        poller.reports.clear(); // the restarted bridge's first polls fail (a JVM warming up, a busy director)
        BridgeEngine restarted = engine(config("state-file", state.toString()));
        run(restarted, 3); // stale-after 3 s
        assertThat(table.writes()).as("nothing written while no agent has answered yet").isEqualTo(writes);
        assertThat(table.weight(WEB, "10.0.0.2:80")).as("the drain's 0").isZero();
        poller.reports.putAll(before);
        run(restarted, 2);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(100);
        assertThat(table.weight(WEB, "10.0.0.2:80")).isZero();
    }

    @Test
    void twoBridgesOnTheSameReportsWriteTheSameWeightsAndARestartedOneRejoins() {
        FakeIpvsTable other = new FakeIpvsTable().service(WEB, "mh")
                .dest(WEB, "10.0.0.1:80", 100).dest(WEB, "10.0.0.2:80", 100);
        BridgeConfig cfg = config("state-file", "none", "base-weight", "100", "weight-levels", "20", "max-step-percent", "50");
        BridgeEngine a = new BridgeEngine(table, poller, clock, clock, cfg, List.of(varFile(), runFile()));
        BridgeEngine b = new BridgeEngine(other, poller, clock, clock, cfg, List.of(varFile(), runFile()));
        double[][] steps = {{300, 100}, {100, 300}, {200, 200}, {50, 400}, {400, 50}};
        for (double[] step : steps) {
            agents(step[0], step[1]);
            for (int i = 0; i < 4; i++) {
                a.cycle();
                b.cycle();
                clock.advance(1000);
                assertThat(other.weight(WEB, "10.0.0.1:80")).isEqualTo(table.weight(WEB, "10.0.0.1:80"));
                assertThat(other.weight(WEB, "10.0.0.2:80")).isEqualTo(table.weight(WEB, "10.0.0.2:80"));
            }
        }
        // a restarted, slow-to-hear bridge holds the shared weights, then follows the same reports
        int heldA1 = table.weight(WEB, "10.0.0.1:80");
        FakePoller silent = new FakePoller();
        BridgeEngine a2 = new BridgeEngine(table, silent, clock, clock, cfg, List.of(varFile(), runFile()));
        a2.cycle();
        b.cycle();
        clock.advance(1000);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(heldA1);
        BridgeEngine a3 = new BridgeEngine(table, poller, clock, clock, cfg, List.of(varFile(), runFile()));
        agents(100, 300);
        for (int i = 0; i < 4; i++) {
            a3.cycle();
            b.cycle();
            clock.advance(1000);
        }
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(other.weight(WEB, "10.0.0.1:80"));
        assertThat(table.weight(WEB, "10.0.0.2:80")).isEqualTo(other.weight(WEB, "10.0.0.2:80"));
    }

    @Test
    void anAgentThatStopsAnsweringLosesItsWeightAndGetsItBackWhenItAnswers() {
        BridgeEngine e = settledAt150And50(config());
        poller.silent.add("10.0.0.1:3333"); // starved of CPU: the kernel takes the connection, the JVM is silent
        run(e, 1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).as("one miss moves nothing").isEqualTo(150);
        run(e, 1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(75);
        run(e, 1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(37);
        run(e, 1); // its last report is now past stale-after (3 s): halved from the base instead
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(12);
        assertThat(dest(e, WEB, "10.0.0.1:80").unansweredPolls()).isEqualTo(4);
        assertThat(dest(e, WEB, "10.0.0.1:80").lastDecision().reason()).contains("did not answer in time");
        poller.silent.clear();
        run(e, 1);
        assertThat(dest(e, WEB, "10.0.0.1:80").unansweredPolls()).isZero();
        // back after a stale gap: the blackout (2 s here) gives it the others' mean first
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(100);
        run(e, 2);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
    }

    @Test
    void theFirstAnswerAfterASilenceLiftsTheWeightOneStepFromWhereTheSilenceLeftIt() {
        agents(300, 100);
        BridgeEngine e = engine(config("max-step-percent", "25", "poll-interval", "1s"));
        run(e, 6);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
        poller.silent.add("10.0.0.1:3333");
        run(e, 2);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(75);
        poller.silent.clear();
        run(e, 1);
        // from the target of the last answer before the silence (150), silenced twice (75), one step of 25
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(100);
        assertThat(dest(e, WEB, "10.0.0.1:80").lastDecision().reason()).contains("above the previous sample's target 75");
        run(e, 1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).as("the next answer agrees: the rest of the way").isEqualTo(150);
    }

    @Test
    void withSeveralAgentPortsSilenceCountsOnlyWhenNoAgentOfTheHostAnswers() {
        BridgeEngine e = settledAt150And50(config("agent-port", "3333,3334"));
        poller.silent.add("10.0.0.1:3334"); // the other application's agent is slow; ours answers
        run(e, 3);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
        poller.silent.add("10.0.0.1:3333");
        run(e, 2);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(75);
    }

    @Test
    void capacityWeightsAreWrittenInOneBatchAfterTheBlackout() {
        agents(300, 100);
        BridgeEngine e = engine(config());
        run(e, 2); // blackout 2 s: nothing yet
        assertThat(table.writes()).isZero();
        run(e, 1);
        assertThat(table.batches).hasSize(1);
        assertThat(table.batches.get(0)).hasSize(2);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
        assertThat(table.weight(WEB, "10.0.0.2:80")).isEqualTo(50);
        DestinationState d1 = dest(e, WEB, "10.0.0.1:80");
        assertThat(d1.lastChange()).startsWith("100 -> 150: capacity 300/s = 1.50x service mean");
        run(e, 3);
        assertThat(table.batches).hasSize(1); // unchanged weights are not written again
    }

    @Test
    void underWrrAQueueAtTheServerTakesItsWeightDownUntilTheQueueIsGoneAndUnderWlcItDoesNot() {
        String lc = "tcp:10.0.0.20:80";
        table.service(lc, "wlc").dest(lc, "10.0.0.1:80", 100).dest(lc, "10.0.0.2:80", 100);
        BridgeEngine e = engine(config("backlog-drain", "1s", "poll-interval", "1s")); // cycles 1 s apart: each has the previous sample
        agents(200, 200);
        run(e, 3);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(100);
        // 10.0.0.1 has 150 requests waiting for a thread.
        poller.reports.put("10.0.0.1:3333", FeedbackReport.builder().signal("capacity", 200).signal("pool_queue", 150)
                .ports(List.of(80)).build());
        run(e, 1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).as("one sample's queue: a pause or a burst").isEqualTo(100);
        run(e, 1);
        // 150 queued less the 50 it serves within the grace (0.25 s): 100/s left.
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(67);
        assertThat(table.weight(WEB, "10.0.0.2:80")).isEqualTo(133);
        assertThat(dest(e, WEB, "10.0.0.1:80").lastChange()).contains("capacity 200/s less 100 queued within 1.0s: 100.00/s");
        assertThat(table.weight(lc, "10.0.0.1:80")).as("wlc counts those connections itself").isEqualTo(100);
        agents(200, 200);
        run(e, 2);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(100);
    }

    @Test
    void underWrrAServerFiveTimesSlowerPerRequestGetsOnlyWhatTheOthersCannotTakeAndUnderWlcItKeepsItsShare() {
        String lc = "tcp:10.0.0.20:80";
        table.service(lc, "wlc").dest(lc, "10.0.0.1:80", 100).dest(lc, "10.0.0.2:80", 100);
        table.dest(WEB, "10.0.0.3:80", 100);
        // Cycles 1 s apart: each has the previous sample; the default rise limit.
        BridgeEngine e = engine(config("poll-interval", "1s", "max-step-percent", "50"));
        poller.reports.put("10.0.0.3:3333", threads(10, 2, 6));
        poller.reports.put("10.0.0.1:3333", threads(10, 2, 6));
        poller.reports.put("10.0.0.2:3333", threads(10, 2, 6));
        run(e, 3);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(100);
        // 10.0.0.1 now takes 1 s per request (2 threads, 2/s); the other two take the 18/s at 95 % (the default).
        poller.reports.put("10.0.0.1:3333", threads(2, 2, 1.5));
        poller.reports.put("10.0.0.2:3333", threads(10, 2, 8.25));
        poller.reports.put("10.0.0.3:3333", threads(10, 2, 8.25));
        run(e, 1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(1);
        assertThat(dest(e, WEB, "10.0.0.1:80").lastChange()).contains("5.0x the fastest: only what the others cannot take at 95 %");
        assertThat(table.weight(lc, "10.0.0.1:80")).as("wlc fills the faster servers itself").isEqualTo(33);
        // Back to 0.2 s: a rise from the previous sample's target, one step of 50, then the rest.
        poller.reports.put("10.0.0.1:3333", threads(10, 2, 0.5));
        run(e, 1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(51);
        run(e, 1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(100);
    }

    static FeedbackReport threads(double capacity, double threads, double rps) {
        return FeedbackReport.builder().signal("capacity", capacity).signal("pool_max", threads).signal("rps", rps)
                .ports(List.of(80)).build();
    }

    @Test
    void anExternalZeroIsNeverRaisedAndAnExternalWeightBecomesTheBase() {
        BridgeEngine e = settledAt150And50(config());
        table.dest(WEB, "10.0.0.1:80", 0); // keepalived inhibit_on_failure
        run(e, 5);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isZero();
        DestinationState d1 = dest(e, WEB, "10.0.0.1:80");
        assertThat(d1.quiesced()).isTrue();
        assertThat(d1.lastDecision().cause()).isEqualTo(Cause.QUIESCED);
        table.dest(WEB, "10.0.0.1:80", 40); // the checker re-enables it with its configured weight
        run(e, 1);
        assertThat(d1.quiesced()).isFalse();
        assertThat(d1.baseWeight()).isEqualTo(40);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(60); // 1.5x the new base
    }

    @Test
    void aQuiesceWrittenWhileTheBridgePollsIsNotOverwritten() {
        // pins issue 13: a checker's 0 written between the cycle's read and its write was overwritten
        BridgeEngine e = settledAt150And50(config());
        agents(100, 300); // this cycle changes both weights
        table.afterRead = () -> table.dest(WEB, "10.0.0.1:80", 0); // keepalived inhibit_on_failure
        CycleStats s = e.cycle();
        assertThat(table.weight(WEB, "10.0.0.1:80")).isZero();
        assertThat(table.weight(WEB, "10.0.0.2:80")).isEqualTo(150); // the rest of the batch is written
        assertThat(s.writes()).isEqualTo(1);
        assertThat(s.writeFailures()).isZero();
        DestinationState d1 = dest(e, WEB, "10.0.0.1:80");
        assertThat(d1.quiesced()).isTrue();
        assertThat(d1.kernelWeight()).isZero();
        clock.advance(1000);
        run(e, 3);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isZero();
        assertThat(d1.lastDecision().cause()).isEqualTo(Cause.QUIESCED);
    }

    @Test
    void aWeightWrittenWhileTheBridgePollsBecomesTheBase() {
        agents(300, 100);
        BridgeEngine e = engine(config());
        run(e, 3);
        agents(100, 300);
        table.afterRead = () -> table.dest(WEB, "10.0.0.1:80", 40); // an operator's ipvsadm -e, mid-cycle
        e.cycle();
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(40);
        assertThat(dest(e, WEB, "10.0.0.1:80").baseWeight()).isEqualTo(40);
        clock.advance(1000);
        run(e, 1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(20); // 0.5x the new base
    }

    @Test
    void servicesAreReadAgainOnlyJustBeforeAWrite() {
        agents(300, 100);
        BridgeEngine e = engine(config());
        run(e, 2); // blackout: nothing to write
        assertThat(table.rereads).isZero();
        run(e, 1);
        assertThat(table.writes()).isEqualTo(2);
        assertThat(table.rereads).isEqualTo(1); // one dump for the one service written
        run(e, 3); // nothing changes
        e.paused(true);
        agents(100, 300);
        run(e, 2); // changes, but paused
        assertThat(table.rereads).isEqualTo(1);
    }

    @Test
    void aServiceThatCannotBeReadAgainIsNotWrittenThisCycle() {
        agents(300, 100);
        BridgeEngine e = engine(config());
        run(e, 2);
        table.failRereads = true;
        CycleStats s = e.cycle();
        assertThat(table.writes()).isZero();
        assertThat(s.changes()).isEqualTo(2);
        assertThat(s.writeFailures()).isEqualTo(2);
        table.failRereads = false;
        clock.advance(1000);
        assertThat(e.cycle().writes()).isEqualTo(2);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
    }

    @Test
    void removedDestinationsAreFollowedAndNeverReAdded() {
        agents(100, 100);
        BridgeEngine e = engine(config());
        run(e, 3);
        table.removeDest(WEB, "10.0.0.2:80");
        run(e, 3);
        assertThat(e.service(ServiceKey.parse(WEB)).destinations()).extracting(d -> d.key().toString()).containsExactly("10.0.0.1:80");
        assertThat(table.destinations(WEB)).containsOnlyKeys("10.0.0.1:80");
        table.dest(WEB, "10.0.0.3:80", 10);
        poller.reports.put("10.0.0.3:3333", capacity(100));
        run(e, 1);
        assertThat(dest(e, WEB, "10.0.0.3:80").lastDecision().reason()).contains("blackout");
    }

    @Test
    void aDestinationDeletedBetweenReadAndWriteFailsAloneWithoutException() {
        agents(300, 100);
        BridgeEngine e = engine(config());
        run(e, 2);
        table.beforeWrite = () -> table.removeDest(WEB, "10.0.0.2:80");
        BridgeEngine e2 = e;
        CycleStats s = e2.cycle();
        assertThat(s.writes()).isEqualTo(1);
        assertThat(s.writeFailures()).isEqualTo(1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
        assertThat(e.cycle().destinations()).isEqualTo(1);
    }

    @Test
    void withStateFileNoneARestartKeepsTheKernelsWeights() {
        // (with a state file, agents silent after a restart mean the remembered base weights)
        agents(300, 100);
        run(engine(config("state-file", "none")), 3);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
        int before = table.writes();
        poller.reports.clear(); // agents not reachable yet after the restart
        run(engine(config("state-file", "none")), 2);
        assertThat(table.writes()).isEqualTo(before);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
    }

    @Test
    void withStateFileNoneARestartTakesItsOwnWeightsAsBases() {
        // pins the drift the state file exists for: 150 becomes the base, 1.5x of it is 225
        agents(300, 100);
        run(engine(config("state-file", "none")), 3);
        run(engine(config("state-file", "none")), 4);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(225);
        assertThat(dir).isEmptyDirectory();
    }

    /** Ready 300/100, then the agent of 10.0.0.2 says drain: the bridge itself writes its 0. */
    void drainTheSecondWith(BridgeConfig cfg) {
        agents(300, 100);
        BridgeEngine first = engine(cfg);
        run(first, 3);
        poller.reports.put("10.0.0.2:3333", DRAIN);
        run(first, 1);
        assertThat(table.weight(WEB, "10.0.0.2:80")).isZero();
        assertThat(dest(first, WEB, "10.0.0.2:80").quiesced()).isFalse();
    }

    @Test
    void withoutStateFileTheBridgesOwnDrainSurvivesARestart() throws IOException {
        // pins issue 13: without state-file, a restarted bridge took its own drain's 0 for a checker's quiesce
        drainTheSecondWith(config());
        assertThat(Files.readAllLines(varFile())).contains("tcp:10.0.0.10:80 10.0.0.2:80 base=100 weight=0 quiesced=false");
        poller.reports.put("10.0.0.2:3333", capacity(100)); // ready again, while the bridge restarts
        BridgeEngine second = engine(config());
        run(second, 4);
        assertThat(dest(second, WEB, "10.0.0.2:80").quiesced()).isFalse();
        assertThat(table.weight(WEB, "10.0.0.2:80")).isEqualTo(50);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150); // its base 100 remembered, not 100 x 1.5
    }

    @Test
    void aRestartedBridgeLogsItsOwnDrainsZeroAsItsOwnAndAnotherPartysAsAQuiesce() {
        // pins issue 13 item 5 (lab): after a restart the log called the bridge's own drain "quiesced by another party"
        drainTheSecondWith(config());
        table.dest(WEB, "10.0.0.1:80", 0); // a health checker's 0 while the bridge was down
        String log = stderrDuring(() -> run(engine(config()), 1));
        assertThat(log).contains("10.0.0.2:80: new destination, weight 0 in the kernel (0: this bridge's own drain,"
                + " as its state file says)");
        assertThat(log).contains("10.0.0.1:80: new destination, weight 0 in the kernel (0: treated as quiesced by another"
                + " party until it writes a weight)");
        assertThat(log.lines().filter(l -> l.contains("quiesced by another party"))).hasSize(1);
    }

    /** What the engine logged (slf4j-simple writes each line to the System.err of the moment). */
    static String stderrDuring(Runnable r) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withStateFileNoneTheBridgesOwnDrainIsNeverRaisedAfterARestart() {
        // what the default state file prevents: state-file = none keeps it only in memory
        drainTheSecondWith(config("state-file", "none"));
        poller.reports.put("10.0.0.2:3333", capacity(100));
        BridgeEngine second = engine(config("state-file", "none"));
        run(second, 4);
        assertThat(dest(second, WEB, "10.0.0.2:80").quiesced()).isTrue();
        assertThat(table.weight(WEB, "10.0.0.2:80")).isZero();
    }

    @Test
    void aDefaultPlaceThatCannotBeWrittenFallsBackToTheNext() throws IOException {
        Files.writeString(dir.resolve("var"), "a file where a directory should be");
        drainTheSecondWith(config());
        assertThat(Files.readAllLines(runFile())).contains("tcp:10.0.0.10:80 10.0.0.2:80 base=100 weight=0 quiesced=false");
        poller.reports.put("10.0.0.2:3333", capacity(100));
        BridgeEngine second = engine(config());
        run(second, 4);
        assertThat(table.weight(WEB, "10.0.0.2:80")).isEqualTo(50);
    }

    @Test
    void withNoWritableDefaultPlaceTheStateStaysInMemoryAndTheBridgeRuns() throws IOException {
        Files.writeString(dir.resolve("var"), "not a directory");
        Files.writeString(dir.resolve("run"), "not a directory");
        BridgeEngine e = settledAt150And50(config());
        assertThat(Files.isRegularFile(dir.resolve("var"))).isTrue();
        assertThat(Files.isRegularFile(dir.resolve("run"))).isTrue();
        assertThat(dir).isDirectoryNotContaining(p -> !p.getFileName().toString().matches("var|run"));
    }

    @Test
    void aBridgeKilledInTheMiddleOfABatchFindsItsOwnWritesAfterTheRestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        // Regression (issue 13 fault matrix): killed after the kernel took the batch but before the
        // state file was saved, the restarted bridge took its own 150 for an operator's base: 225.
        java.nio.file.Path state = dir.resolve("state");
        java.nio.file.Path onDiskAtTheKill = dir.resolve("at-the-kill");
        table.beforeWrite = () -> {
            try {
                if (!java.nio.file.Files.exists(onDiskAtTheKill)) {
                    java.nio.file.Files.copy(state, onDiskAtTheKill);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        agents(300, 100);
        run(engine(config("state-file", state.toString())), 3);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
        java.nio.file.Files.copy(onDiskAtTheKill, state, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        table.beforeWrite = () -> {};

        BridgeEngine restarted = engine(config("state-file", state.toString()));
        run(restarted, 4);
        assertThat(dest(restarted, WEB, "10.0.0.1:80").baseWeight()).isEqualTo(100);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
        assertThat(table.weight(WEB, "10.0.0.2:80")).isEqualTo(50);
    }

    @Test
    void aStateFileKeepsBasesAndOwnZerosAcrossRestarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String state = dir.resolve("state").toString();
        agents(300, 100);
        run(engine(config("state-file", state)), 3);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
        poller.reports.put("10.0.0.2:3333", FeedbackReport.builder().state(AdminState.DRAIN).weightPercent(0).build());
        run(engine(config("state-file", state)), 4);
        // the only ready one is 1.0x the mean now: back to its base, remembered as 100 (not 150)
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(100);
        assertThat(table.weight(WEB, "10.0.0.2:80")).isZero();
        poller.reports.put("10.0.0.2:3333", capacity(100));
        BridgeEngine third = engine(config("state-file", state));
        run(third, 4);
        // our own 0 from the drain is not mistaken for a health checker's quiesce
        assertThat(dest(third, WEB, "10.0.0.2:80").quiesced()).isFalse();
        assertThat(table.weight(WEB, "10.0.0.2:80")).isEqualTo(50);
    }

    @Test
    void aWeightWrittenWhileTheBridgeWasDownWinsOverTheStateFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String state = dir.resolve("state").toString();
        agents(300, 100);
        run(engine(config("state-file", state)), 3);
        table.dest(WEB, "10.0.0.1:80", 0); // a health checker quiesced it meanwhile
        BridgeEngine e = engine(config("state-file", state));
        run(e, 3);
        assertThat(dest(e, WEB, "10.0.0.1:80").quiesced()).isTrue();
        assertThat(table.weight(WEB, "10.0.0.1:80")).isZero();
    }

    @Test
    void configuredBaseWeightsMakeRestartsConvergeToTheSameWeights() {
        agents(300, 100);
        run(engine(config("base-weight", "100")), 3);
        run(engine(config("base-weight", "100")), 4);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
        assertThat(table.weight(WEB, "10.0.0.2:80")).isEqualTo(50);
    }

    @Test
    void staleAgentGoesBackToBase() {
        agents(300, 100);
        BridgeEngine e = engine(config());
        run(e, 3);
        poller.reports.remove("10.0.0.1:3333");
        run(e, 3);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150); // 3 s: not yet stale
        run(e, 1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(100);
        assertThat(dest(e, WEB, "10.0.0.1:80").lastPollError()).contains("Connection refused");
    }

    @Test
    void drainGoesToZeroButNotTheWholeService() {
        agents(100, 100);
        BridgeEngine e = engine(config());
        run(e, 3);
        FeedbackReport drain = FeedbackReport.builder().state(AdminState.DRAIN).weightPercent(0).reason("deploy").build();
        poller.reports.put("10.0.0.1:3333", drain);
        run(e, 1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isZero();
        poller.reports.put("10.0.0.2:3333", drain);
        run(e, 2);
        assertThat(table.weight(WEB, "10.0.0.2:80")).isEqualTo(100);
        assertThat(dest(e, WEB, "10.0.0.2:80").lastDecision().cause()).isEqualTo(Cause.GUARD);
    }

    @Test
    void overrideFreezePauseAndDryRun() {
        agents(300, 100);
        BridgeEngine e = engine(config());
        run(e, 3);
        DestinationState d1 = dest(e, WEB, "10.0.0.1:80");
        d1.setOverride(9);
        run(e, 1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(9);
        d1.freeze();
        d1.clearOverride();
        run(e, 2);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(9);
        d1.unfreeze();
        e.paused(true);
        run(e, 2);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(9);
        // Decided, not written: the reports have asked for 150 all along, so the rise limit (from
        // their target, not from the kernel's 9) lets it through at once.
        assertThat(d1.lastDecision().weight()).isEqualTo(150);
        assertThat(d1.lastDecision().target()).isEqualTo(150);
        e.paused(false);
        e.dryRunFlag(true);
        run(e, 1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(9);
        e.dryRunFlag(false);
        run(e, 1);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
    }

    @Test
    void onlyConfiguredServicesAreTouched() {
        table.service("tcp:10.0.0.99:80", "wrr").dest("tcp:10.0.0.99:80", "10.0.0.1:80", 5);
        agents(300, 100);
        BridgeEngine e = engine(config("services", "tcp:10.0.0.10:*"));
        run(e, 4);
        assertThat(e.services()).extracting(ServiceState::key).containsExactly(ServiceKey.parse(WEB));
        assertThat(table.weight("tcp:10.0.0.99:80", "10.0.0.1:80")).isEqualTo(5);
    }

    @Test
    void twoAgentsPerHostAreMappedByTheirReportedPorts() {
        table.service("tcp:10.0.0.10:8443", "wrr").dest("tcp:10.0.0.10:8443", "10.0.0.1:8443", 100)
                .dest("tcp:10.0.0.10:8443", "10.0.0.2:8443", 100);
        poller.reports.put("10.0.0.1:3333", FeedbackReport.builder().signal("capacity", 300).ports(List.of(80)).build());
        poller.reports.put("10.0.0.1:3334", FeedbackReport.builder().signal("capacity", 100).ports(List.of(8443)).build());
        poller.reports.put("10.0.0.2:3333", FeedbackReport.builder().signal("capacity", 100).ports(List.of(80)).build());
        poller.reports.put("10.0.0.2:3334", FeedbackReport.builder().signal("capacity", 300).ports(List.of(8443)).build());
        BridgeEngine e = engine(config("agent-port", "3333,3334"));
        run(e, 3);
        assertThat(table.weight(WEB, "10.0.0.1:80")).isEqualTo(150);
        assertThat(table.weight("tcp:10.0.0.10:8443", "10.0.0.1:8443")).isEqualTo(50);
        assertThat(dest(e, WEB, "10.0.0.1:80").agent()).isEqualTo(new InetSocketAddress("10.0.0.1", 3333));
        assertThat(dest(e, "tcp:10.0.0.10:8443", "10.0.0.1:8443").agent()).isEqualTo(new InetSocketAddress("10.0.0.1", 3334));
        assertThat(poller.polls).isEqualTo(3 * 4); // each agent once per cycle, not once per destination
    }

    @Test
    void aFailedReadSkipsTheCycle() {
        BridgeEngine e = engine(config());
        table.failReads = true;
        assertThat(e.cycle().readFailed()).isTrue();
        table.failReads = false;
        assertThat(e.cycle().destinations()).isEqualTo(2);
    }
}
