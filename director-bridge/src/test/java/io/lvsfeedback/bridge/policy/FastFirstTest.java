package io.lvsfeedback.bridge.policy;

import static io.lvsfeedback.bridge.policy.WeightPolicyTest.in;
import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fast-first: under wrr a server much slower per request gets only what the faster ones cannot take. */
class FastFirstTest {
    /** Rise limit 50 % of the base (the default), no dead band, exact weights, no backlog term, fast-first 90 %. */
    static final PolicySettings FF_90 = new PolicySettings(1, 1000, 4.0, 10_000, 5_000, 50, 0, 0, 0, 90);
    static final PolicySettings OFF = new PolicySettings(1, 1000, 4.0, 10_000, 5_000, 50, 0, 0, 0, 0);

    /** Both wrr terms: backlog-drain 1 s and fast-first 95 %. */
    static final PolicySettings BOTH = new PolicySettings(1, 1000, 4.0, 10_000, 5_000, 50, 0, 0, 1_000, 95);

    static FeedbackReport queued(double capacity, double threads, double rps, double queue) {
        return FeedbackReport.builder().state(AdminState.READY).signal("capacity", capacity).signal("pool_max", threads)
                .signal("rps", rps).signal("pool_queue", queue).build();
    }

    static FeedbackReport ready(double capacity, double threads, double rps) {
        return FeedbackReport.builder().state(AdminState.READY).signal("capacity", capacity)
                .signal("pool_max", threads).signal("rps", rps).build();
    }

    /**
     * W2's shape: two threads each; rs1 at 1 s per request (2/s), rs2 and rs3 at 0.2 s (10/s); the
     * service's request rate split as the weights send it, {@code total} in all.
     */
    static List<DestinationInput> w2(double total) {
        return List.of(in("rs1", 100, 100, ready(2, 2, total * 0.08)),
                in("rs2", 100, 100, ready(10, 2, total * 0.46)),
                in("rs3", 100, 100, ready(10, 2, total * 0.46)));
    }

    @Test
    void aSlowServerGetsNothingTheOthersCanTake() {
        // 18/s: the fast two take it at 90 % of their 20/s; rs1 keeps 1 % of its capacity, the floor.
        List<Decision> d = WeightPolicy.decide(w2(18), FF_90, "wrr");
        assertThat(d).extracting(Decision::target).containsExactly(1, 150, 150);
        assertThat(d.get(0).reason()).contains("capacity 2.0/s at 1.00 s per request per thread, 5.0x the fastest:"
                + " only what the others cannot take at 90 % (0.0/s of 18.0/s): 0.02/s");
        assertThat(d.get(1).reason()).doesNotContain("cannot take");
    }

    @Test
    void weightLevelsLeaveTheSlowServersWeightExact() {
        // One step of 20 levels beside two at 150 would be 8: 2.6 % of the requests at 1 s each.
        PolicySettings levels = new PolicySettings(1, 1000, 4.0, 10_000, 5_000, 50, 0, 20, 0, 90);
        assertThat(WeightPolicy.decide(w2(18), levels, "wrr")).extracting(Decision::target).containsExactly(1, 150, 150);
        // Not lowered (a saturated service): rounded like any other.
        assertThat(WeightPolicy.decide(w2(24), levels, "wrr")).extracting(Decision::target)
                .containsExactlyElementsOf(WeightPolicy.decide(w2(24), new PolicySettings(1, 1000, 4.0, 10_000, 5_000, 50, 0, 20, 0, 0), "wrr")
                        .stream().map(Decision::target).toList());
    }

    @Test
    void whatTheOthersCannotTakeGoesToTheSlowServerUpToItsCapacity() {
        // 19/s: 1/s more than the fast two take at 90 %: rs1 is planned at 1/0.9 = 1.11/s, so that
        // with the others at their full 10/s it gets 1 of the 19 requests a second.
        assertThat(WeightPolicy.decide(w2(19), FF_90, "wrr")).extracting(Decision::target).containsExactly(16, 142, 142);
        // 24/s: the service is saturated: plain capacity shares, as without the term.
        assertThat(WeightPolicy.decide(w2(24), FF_90, "wrr")).extracting(Decision::target).containsExactly(27, 136, 136);
        assertThat(WeightPolicy.decide(w2(24), OFF, "wrr")).extracting(Decision::target).containsExactly(27, 136, 136);
    }

    @Test
    void unequalPoolsAtTheSameTimePerRequestAreNotSlow() {
        // W1's shape: 2, 4 and 8 threads at 0.2 s each: capacities 10, 20, 40; nobody is slow.
        List<DestinationInput> w1 = List.of(in("rs1", 100, 100, ready(10, 2, 5)), in("rs2", 100, 100, ready(20, 4, 10)),
                in("rs3", 100, 100, ready(40, 8, 20)));
        assertThat(WeightPolicy.decide(w1, FF_90, "wrr")).extracting(Decision::target)
                .containsExactlyElementsOf(WeightPolicy.decide(w1, OFF, "wrr").stream().map(Decision::target).toList());
    }

    @Test
    void slowStartsAtTwiceTheFastestTimePerRequest() {
        // 0.2 s against 0.38 s (1.9x): shares as capacities; against 0.4 s (2x): slow.
        List<DestinationInput> almost = List.of(in("a", 100, 100, ready(10, 2, 5)), in("b", 100, 100, ready(2 / 0.38, 2, 2)));
        assertThat(WeightPolicy.decide(almost, FF_90, "wrr").get(1).reason()).doesNotContain("cannot take");
        List<DestinationInput> twice = List.of(in("a", 100, 100, ready(10, 2, 5)), in("b", 100, 100, ready(5, 2, 2)));
        assertThat(WeightPolicy.decide(twice, FF_90, "wrr").get(1).reason()).contains("2.0x the fastest");
    }

    @Test
    void aLowerUtilizationSendsTheSlowServerMoreSooner() {
        PolicySettings ff50 = new PolicySettings(1, 1000, 4.0, 10_000, 5_000, 50, 0, 0, 0, 50);
        // 18/s against the fast two at 50 % (10/s): 8/s over, planned 16/s, more than rs1's 2/s: plain shares.
        assertThat(WeightPolicy.decide(w2(18), ff50, "wrr")).extracting(Decision::target).containsExactly(27, 136, 136);
        // 10.5/s: 0.5/s over, planned 1/s: half of rs1's capacity.
        assertThat(WeightPolicy.decide(w2(10.5), ff50, "wrr")).extracting(Decision::target).containsExactly(14, 143, 143);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wlc", "lc", "sed", "nq", "mh", "sh", "rr"})
    void otherSchedulersKeepCapacityShares(String scheduler) {
        // Least-connection schedulers fill the servers that answer first by themselves; hashing ones must not churn.
        assertThat(WeightPolicy.decide(w2(18), FF_90, scheduler)).extracting(Decision::target).containsExactly(27, 136, 136);
    }

    @Test
    void zeroTurnsItOffAndAnUnknownSchedulerNeverHasIt() {
        assertThat(WeightPolicy.decide(w2(18), OFF, "wrr")).extracting(Decision::target).containsExactly(27, 136, 136);
        assertThat(WeightPolicy.decide(w2(18), FF_90)).extracting(Decision::target).containsExactly(27, 136, 136);
    }

    @Test
    void reportsWithoutThreadsOrWithOddFiguresCountAsFast() {
        for (double odd : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -2, 0}) {
            List<DestinationInput> ds = List.of(in("rs1", 100, 100, ready(2, odd, 1.4)), in("rs2", 100, 100, ready(10, 2, 8.3)),
                    in("rs3", 100, 100, ready(10, 2, 8.3)));
            assertThat(WeightPolicy.decide(ds, FF_90, "wrr")).as("pool_max %s", odd).extracting(Decision::target)
                    .containsExactly(27, 136, 136);
        }
        // Odd request rates count as none: the fast two can take nothing, so the slow one gets its floor.
        for (double odd : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -5}) {
            List<DestinationInput> ds = List.of(in("rs1", 100, 100, ready(2, 2, odd)), in("rs2", 100, 100, ready(10, 2, odd)),
                    in("rs3", 100, 100, ready(10, 2, odd)));
            assertThat(WeightPolicy.decide(ds, FF_90, "wrr")).as("rps %s", odd).extracting(Decision::target)
                    .containsExactly(1, 150, 150);
        }
    }

    @Test
    void hugeFiguresStayFinite() {
        List<DestinationInput> ds = List.of(in("a", 100, 100, ready(1e308, 1e308, 1e308)), in("b", 100, 100, ready(1e-300, 1e308, 1e308)),
                in("c", 100, 100, ready(1e308, 1, 1e308)));
        assertThat(WeightPolicy.decide(ds, FF_90, "wrr")).allSatisfy(d -> assertThat(d.target()).isBetween(1, 400));
        assertThat(FastFirst.secondsPerRequest(ready(1e-300, 1e308, 0), 1e-300)).isNaN();
    }

    @Test
    void aQueueAtAFastServerMovesItsTrafficToTheOtherFastOnesNotToTheSlowOne() {
        // rs2 has 3 requests queued in two samples: its weight uses less than it measured. The fast
        // two still measure 20/s, so 18/s spill nothing to rs1; rs3 takes what rs2 gives up.
        List<DestinationInput> ds = List.of(in("rs1", 100, 100, ready(2, 2, 1.44)).withPreviousReport(ready(2, 2, 1.44)),
                in("rs2", 100, 100, queued(10, 2, 8.28, 3)).withPreviousReport(queued(10, 2, 8.28, 3)),
                in("rs3", 100, 100, ready(10, 2, 8.28)).withPreviousReport(ready(10, 2, 8.28)));
        // rs2: 3 queued less the 2.5 served within the grace: 9.5/s; shares 0.002 : 0.95 : 1: 1, 146, 154
        assertThat(WeightPolicy.decide(ds, BOTH, "wrr")).extracting(Decision::target).containsExactly(1, 146, 154);
    }

    @Test
    void aFastServerWithAQueueIsNotCalledSlow() {
        // Both terms: rs2's queue of 8 (two samples) lowers the capacity its weight uses, but its
        // time per request is the one its agent measured, 0.2 s.
        List<DestinationInput> ds = List.of(in("rs1", 100, 100, ready(10, 2, 9)).withPreviousReport(ready(10, 2, 9)),
                in("rs2", 100, 100, queued(10, 2, 9, 8)).withPreviousReport(queued(10, 2, 9, 8)));
        List<Decision> d = WeightPolicy.decide(ds, BOTH, "wrr");
        assertThat(d.get(1).reason()).contains("queued").doesNotContain("cannot take");
    }
}
