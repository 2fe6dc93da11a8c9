package io.lvsfeedback.bridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two directors' bridges over the same agents, with kernels that start from different weights (one
 * bridge's first cycle heard the agents warming up at 1 %, the other's did not): the rise limit
 * starts from the previous sample's target, which both read from the agents, so they write the same
 * weights from their first cycle, and again from the cycle after one of them missed a poll or
 * restarted (BENCHMARKS.md section 14). Fake clocks: the agents' samples and the cycles' instants
 * are set by hand, nothing sleeps.
 */
class TwoDirectorsRiseLimitTest {
    static final String WEB = BridgeEngineTest.WEB;
    static final List<String> DESTINATIONS = List.of("10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80");
    /** A wall-clock multiple of 1 s; cycles stand for 200 ms past each second (40 % of 500 ms samples). */
    static final long START = 1_796_000_000_000L;
    static final long SAMPLE_MILLIS = 500;

    final SampledAgents agents = new SampledAgents();
    final AlignedWritesTest.SteppedWall wall = new AlignedWritesTest.SteppedWall();
    final ManualClock clock = new ManualClock();
    final Map<String, Double> capacity = new HashMap<>();
    final Random noise = new Random(14);
    /** Capacities drawn afresh for every sample: rises and falls of every size, all the time. */
    boolean noisy = true;
    long sampledUpTo = START - 8_000; // the agents were up before the bridges

    final BridgeConfig cfg = BridgeEngineTest.config("state-file", "none", "base-weight", "100", "max-step-percent", "50",
            "weight-levels", "20", "poll-interval", "1s", "poll-timeout", "400ms", "dead-band-percent", "0",
            "agent-sample-interval", "500ms"); // the agents below sample every 500 ms
    final FakeIpvsTable tableA = table(100, 1, 100);
    final FakeIpvsTable tableB = table(1, 1, 1);
    final SampledAgents.Director pollerA = agents.director();
    final SampledAgents.Director pollerB = agents.director();

    static FakeIpvsTable table(int... weights) {
        FakeIpvsTable t = new FakeIpvsTable().service(WEB, "mh");
        for (int i = 0; i < weights.length; i++) {
            t.dest(WEB, DESTINATIONS.get(i), weights[i]);
        }
        return t;
    }

    BridgeEngine engine(FakeIpvsTable table, SampledAgents.Director poller) {
        return new BridgeEngine(table, poller, clock, wall, cfg);
    }

    static long instant(int cycle) {
        return START + cycle * 1000L + 200;
    }

    /** The wall clock a little after the cycle's instant; the agents have sampled up to then. */
    void reach(int cycle) {
        long now = instant(cycle) + 30;
        while (sampledUpTo + SAMPLE_MILLIS <= now) {
            sampledUpTo += SAMPLE_MILLIS;
            for (String d : DESTINATIONS) {
                double c = noisy ? 20 + noise.nextInt(1000) : capacity.getOrDefault(d, 300.0);
                agents.sample(agent(d), sampledUpTo, FeedbackReport.builder().signal("capacity", c)
                        .ports(List.of(80)).uptimeMillis(600_000).build());
            }
        }
        wall.now = now;
        clock.advance(1000);
    }

    static String agent(String destination) {
        return destination.substring(0, destination.indexOf(':')) + ":3333";
    }

    static Map<String, Integer> weights(FakeIpvsTable t) {
        return t.destinations(WEB);
    }

    /** Reasons of the decisions that the rise limit cut, so a test knows it was exercised. */
    static List<String> limited(BridgeEngine e) {
        List<String> out = new ArrayList<>();
        for (String d : DESTINATIONS) {
            String reason = BridgeEngineTest.dest(e, WEB, d).lastDecision().reason();
            if (reason.contains("rise limit")) {
                out.add(reason);
            }
        }
        return out;
    }

    @Test
    void directorsWhoseKernelsHoldDifferentWeightsWriteTheSameOnesFromTheirFirstCycle() {
        BridgeEngine a = engine(tableA, pollerA);
        BridgeEngine b = engine(tableB, pollerB);
        int cut = 0;
        for (int cycle = 1; cycle <= 30; cycle++) {
            reach(cycle);
            a.cycle();
            b.cycle();
            assertThat(weights(tableB)).as("cycle %d", cycle).isEqualTo(weights(tableA));
            cut += limited(a).size();
        }
        assertThat(cut).as("decisions the rise limit cut (else this test proves nothing)").isGreaterThan(5);
    }

    @Test
    void aDirectorThatMissedAPollAgreesAgainAtTheNextCycle() {
        BridgeEngine a = engine(tableA, pollerA);
        BridgeEngine b = engine(tableB, pollerB);
        for (int cycle = 1; cycle <= 20; cycle++) {
            reach(cycle);
            if (cycle == 8) {
                pollerB.unreachable.add("10.0.0.2:3333"); // a lost poll: b decides from the sample before
            }
            a.cycle();
            b.cycle();
            pollerB.unreachable.clear();
            if (cycle != 8) {
                assertThat(weights(tableB)).as("cycle %d", cycle).isEqualTo(weights(tableA));
            }
        }
        assertThat(pollerB.asked.stream().filter(at -> at == instant(8)))
                .as("b asked for cycle 8's sample at cycle 8 and again at cycle 9").hasSize(2);
        assertThat(pollerA.asked).as("a asked once a cycle, and for the previous sample only at its first")
                .hasSize(20 + 1).startsWith(instant(1), instant(0));
    }

    @Test
    void aRestartedBridgeAgreesFromItsFirstCycle() {
        BridgeEngine a = engine(tableA, pollerA);
        BridgeEngine b = engine(tableB, pollerB);
        for (int cycle = 1; cycle <= 6; cycle++) {
            reach(cycle);
            a.cycle();
            b.cycle();
        }
        tableA.dest(WEB, "10.0.0.2:80", 1); // an operator's hand while it was down: the kernels differ again
        BridgeEngine restarted = engine(tableA, agents.director());
        for (int cycle = 7; cycle <= 15; cycle++) {
            reach(cycle);
            restarted.cycle();
            b.cycle();
            assertThat(weights(tableB)).as("cycle %d", cycle).isEqualTo(weights(tableA));
        }
    }

    @Test
    void oneOddSampleRaisesAWeightByOneStepAndAConfirmedRiseIsTakenInTheNextInterval() {
        noisy = false;
        BridgeEngine a = engine(tableA, pollerA);
        List<Integer> first = new ArrayList<>();
        for (int cycle = 1; cycle <= 10; cycle++) {
            // one odd sample read by cycle 4 (1200 against 300, 300: target 200), then 900 from cycle 7 on
            // (against 300, 300: target 180)
            capacity.put("10.0.0.1:80", cycle == 4 ? 1200.0 : cycle >= 7 ? 900.0 : 300.0);
            reach(cycle);
            a.cycle();
            first.add(tableA.weight(WEB, "10.0.0.1:80"));
        }
        // 100 once the samples agree; 150 (one step of 50 above the previous target 100) for the odd
        // sample, back to 100 after it; 150 for the first sample of the rise, 180 from the second.
        assertThat(first).containsExactly(100, 100, 100, 150, 100, 100, 150, 180, 180, 180);
    }
}
