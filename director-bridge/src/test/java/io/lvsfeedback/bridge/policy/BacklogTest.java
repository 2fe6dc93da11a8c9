package io.lvsfeedback.bridge.policy;

import static io.lvsfeedback.bridge.policy.WeightPolicyTest.in;
import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The backlog term: requests queued at a server come off its capacity under wrr, and nowhere else. */
class BacklogTest {
    /** Rise limit 50 % of the base (the default), no dead band, exact weights, backlog-drain 1 s. */
    static final PolicySettings DRAIN_1S = new PolicySettings(1, 1000, 4.0, 10_000, 5_000, 50, 0, 0, 1_000);

    static FeedbackReport ready(double capacity, double queued) {
        return FeedbackReport.builder().state(AdminState.READY).signal("capacity", capacity).signal("pool_queue", queued).build();
    }

    /** W2's shape: rs1 slowed to 2/s beside two at 10/s, with the queue it built before its weight fell (two samples). */
    static List<DestinationInput> w2(double rs1Queue) {
        return w2(rs1Queue, rs1Queue);
    }

    static List<DestinationInput> w2(double rs1Queue, double rs1PreviousQueue) {
        return List.of(in("rs1", 100, 100, ready(2, rs1Queue)).withPreviousReport(ready(2, rs1PreviousQueue)),
                in("rs2", 100, 100, ready(10, 0)).withPreviousReport(ready(10, 0)),
                in("rs3", 100, 100, ready(10, 0)).withPreviousReport(ready(10, 0)));
    }

    @Test
    void underWrrAServerThatFellBehindGetsLessThanItServesUntilItsQueueIsGone() {
        List<Decision> d = WeightPolicy.decide(w2(8), DRAIN_1S, "wrr");
        // 2/s less 8 queued within 1 s: nothing left for new arrivals; 1 % of 2/s keeps it in the cycle.
        assertThat(d).extracting(Decision::target).containsExactly(1, 150, 150);
        assertThat(d.get(0).reason()).contains("capacity 2/s less 8 queued within 1.0s: 0.02/s");
        // One queued, less the half it serves within the grace (0.25 s at 2/s): 1.5/s left.
        assertThat(WeightPolicy.decide(w2(1), DRAIN_1S, "wrr")).extracting(Decision::target).containsExactly(21, 140, 140);
        // Half a request or less: within the grace, nothing.
        assertThat(WeightPolicy.decide(w2(0.5), DRAIN_1S, "wrr")).extracting(Decision::target).containsExactly(27, 136, 136);
        // The queue gone: the share of its capacity, as without the term.
        assertThat(WeightPolicy.decide(w2(0), DRAIN_1S, "wrr")).extracting(Decision::target).containsExactly(27, 136, 136);
    }

    @Test
    void aQueueCountsOnlyAsFarAsThePreviousSampleHadItToo() {
        // One sample's queue (a pause, a burst) moves nothing; a queue that stays does.
        assertThat(WeightPolicy.decide(w2(8, 0), DRAIN_1S, "wrr")).extracting(Decision::target).containsExactly(27, 136, 136);
        assertThat(WeightPolicy.decide(w2(0, 8), DRAIN_1S, "wrr")).extracting(Decision::target).containsExactly(27, 136, 136);
        assertThat(WeightPolicy.decide(w2(8, 1), DRAIN_1S, "wrr")).extracting(Decision::target).containsExactly(21, 140, 140);
        List<DestinationInput> noPrevious = List.of(in("rs1", 100, 100, ready(2, 8)), in("rs2", 100, 100, ready(10, 0)));
        assertThat(WeightPolicy.decide(noPrevious, DRAIN_1S, "wrr")).extracting(Decision::target).containsExactly(33, 167);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wlc", "lc", "sed", "nq", "mh", "sh"})
    void otherSchedulersIgnoreTheQueue(String scheduler) {
        // Least-connection schedulers already count queued connections; hashing ones must not churn with a queue.
        assertThat(WeightPolicy.decide(w2(8), DRAIN_1S, scheduler)).extracting(Decision::target).containsExactly(27, 136, 136);
    }

    @Test
    void zeroTurnsTheTermOffAndAnUnknownSchedulerNeverHasIt() {
        PolicySettings off = new PolicySettings(1, 1000, 4.0, 10_000, 5_000, 50, 0, 0, 0);
        assertThat(WeightPolicy.decide(w2(8), off, "wrr")).extracting(Decision::target).containsExactly(27, 136, 136);
        assertThat(WeightPolicy.decide(w2(8), DRAIN_1S)).extracting(Decision::target).containsExactly(27, 136, 136);
    }

    @Test
    void aLongerDrainTimeTakesLessOff() {
        PolicySettings drain4s = new PolicySettings(1, 1000, 4.0, 10_000, 5_000, 50, 0, 0, 4_000);
        // 2/s less 3.5 queued (4 less the grace's 0.5) within 4 s: 1.125/s left.
        assertThat(WeightPolicy.decide(w2(4), drain4s, "wrr")).extracting(Decision::target).containsExactly(16, 142, 142);
    }

    @Test
    void queuesThatAreNotCountsAreIgnoredAndHugeOnesStopAtTheFloor() {
        for (double odd : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -3}) {
            assertThat(WeightPolicy.decide(w2(odd), DRAIN_1S, "wrr")).as("pool_queue %s", odd)
                    .extracting(Decision::target).containsExactly(27, 136, 136);
        }
        assertThat(WeightPolicy.decide(w2(1e308), DRAIN_1S, "wrr")).extracting(Decision::target).containsExactly(1, 150, 150);
        assertThat(Backlog.drained(Double.MAX_VALUE, Double.MAX_VALUE, 1)).isPositive().isFinite();
    }

    @Test
    void theGraceNeverTurnsAQueueIntoSomethingThatIsNotACount() {
        // 4 queued in both samples; the grace is what the capacity serves in 0.25 s, none for odd capacities.
        for (double odd : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -10, 0}) {
            assertThat(Backlog.queued(ready(10, 4), ready(10, 4), odd)).as("capacity %s", odd).isEqualTo(4.0);
        }
        assertThat(Backlog.queued(ready(10, 4), ready(10, 4), Double.POSITIVE_INFINITY)).isZero();
        assertThat(Backlog.queued(ready(10, 4), ready(10, 4), Double.MAX_VALUE)).isZero();
        assertThat(Backlog.queued(ready(10, 4), ready(10, 4), 8)).isEqualTo(2.0);
    }

    @Test
    void whenEveryServerHasAQueueTheSharesFollowWhatIsLeftOfEach() {
        List<DestinationInput> all = List.of(in("a", 100, 100, ready(10, 5)).withPreviousReport(ready(10, 5)),
                in("b", 100, 100, ready(10, 0)).withPreviousReport(ready(10, 0)));
        // a: 5 queued less the 2.5 it serves within the grace: 7.5/s left, b: 10/s; mean 8.75.
        assertThat(WeightPolicy.decide(all, DRAIN_1S, "wrr")).extracting(Decision::target).containsExactly(86, 114);
    }

    @Test
    void aPausesQueueThatTheServerServesWithinTheGraceMovesNothing() {
        // The lab's SIGSTOP of 200 ms: 2 queued in two samples at a 10/s server (2.5 within 0.25 s).
        List<DestinationInput> paused = List.of(in("rs1", 100, 100, ready(10, 0)).withPreviousReport(ready(10, 0)),
                in("rs2", 100, 100, ready(10, 2)).withPreviousReport(ready(10, 2)),
                in("rs3", 100, 100, ready(10, 0)).withPreviousReport(ready(10, 0)));
        assertThat(WeightPolicy.decide(paused, DRAIN_1S, "wrr")).extracting(Decision::target).containsExactly(100, 100, 100);
    }
}
