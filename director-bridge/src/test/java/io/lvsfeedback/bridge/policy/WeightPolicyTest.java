package io.lvsfeedback.bridge.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bridge.policy.Decision.Cause;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeightPolicyTest {
    static final PolicySettings S = new PolicySettings(1, 1000, 4.0, 10_000, 5_000, 25, 5, 0);
    static final long SETTLED = 60_000; // reporting long past the blackout

    static FeedbackReport ready(double capacity) {
        return FeedbackReport.builder().state(AdminState.READY).signal("capacity", capacity).build();
    }

    static FeedbackReport state(AdminState s, String reason) {
        return FeedbackReport.builder().state(s).reason(reason).weightPercent(0).build();
    }

    static DestinationInput in(String key, int kernel, int base, FeedbackReport report) {
        return new DestinationInput(key, kernel, base, false, null, false, report, 500, SETTLED);
    }

    static Decision only(DestinationInput... inputs) {
        return WeightPolicy.decide(List.of(inputs), S).get(0);
    }

    @Test
    void equalCapacitiesKeepTheOperatorsBaseWeights() {
        List<Decision> d = WeightPolicy.decide(List.of(in("a", 100, 100, ready(200)), in("b", 300, 300, ready(200))), S);
        assertThat(d).extracting(Decision::weight).containsExactly(100, 300);
        assertThat(d).noneMatch(Decision::changes);
    }

    @Test
    void capacityScalesAroundBaseWeight() {
        // mean capacity 200: a has 1.5x, b 0.5x
        List<Decision> d = WeightPolicy.decide(List.of(in("a", 100, 100, ready(300)), in("b", 100, 100, ready(100))), S);
        assertThat(d).extracting(Decision::target).containsExactly(150, 50);
        assertThat(d.get(0).reason()).contains("capacity 300/s = 1.50x service mean").contains("base 100 -> 150");
        assertThat(d.get(0).cause()).isEqualTo(Cause.LOAD);
    }

    @Test
    void agentCheckPercentIsUsedWhenThereIsNoCapacity() {
        FeedbackReport pct = FeedbackReport.builder().weightPercent(60).build();
        Decision d = only(in("a", 100, 100, pct));
        assertThat(d.target()).isEqualTo(60);
        assertThat(d.reason()).contains("agent suggests 60%");
    }

    @Test
    void withoutACapacityAmongServersThatHaveOneADestinationGetsTheMean() {
        // b had no requests lately; its agent's percent (host CPU pressure) is not on the others' scale.
        FeedbackReport noCapacity = FeedbackReport.builder().weightPercent(3).build();
        List<Decision> d = WeightPolicy.decide(List.of(in("a", 100, 100, ready(300)), in("b", 100, 100, noCapacity),
                in("c", 100, 100, ready(100))), S);
        assertThat(d).extracting(Decision::target).containsExactly(150, 100, 50);
        assertThat(d.get(1).reason()).contains("no capacity in its report").contains("mean of the others");
    }

    @Test
    void weightLevelsRoundToTheCoarsestStepThatKeepsEveryShareSoWrrDealsShortCycles() {
        PolicySettings levels = new PolicySettings(1, 1000, 4.0, 10_000, 5_000, 25, 5, 20);
        // Capacities 1:2:4 measured as 43:86:171 (divisor 1: wrr would walk 171 levels per cycle).
        List<Decision> d = WeightPolicy.decide(List.of(in("a", 100, 100, ready(100)), in("b", 100, 100, ready(200)),
                in("c", 100, 100, ready(400)), in("tiny", 100, 100, ready(1))), levels);
        // Mean 175.25: factors 0.57, 1.14, 2.28, 0.006 -> 57, 114, 228, 1; "tiny" keeps its share
        // only with 19 levels (steps of 12), see WeightLevelsTest.
        assertThat(d).extracting(Decision::target).containsExactly(60, 120, 228, 12);
        assertThat(d.get(0).reason()).contains("60 in steps of 12 (19 levels, weight-levels 20)");
        assertThat(d.get(3).target()).as("ready never rounds to 0: one step").isEqualTo(12);
        // Without "tiny", 1:2:4 is 4 levels: a 7-connection wrr cycle.
        assertThat(WeightPolicy.decide(List.of(in("a", 100, 100, ready(100)), in("b", 100, 100, ready(200)),
                in("c", 100, 100, ready(400))), levels)).extracting(Decision::target).containsExactly(43, 86, 172);
        // Off (0) or a step of 1 leaves the weights exact.
        assertThat(WeightPolicy.decide(List.of(in("a", 100, 100, ready(100)), in("b", 100, 100, ready(200))), S))
                .extracting(Decision::target).containsExactly(67, 133);
    }

    /** Issue 12, W5 at 5 % of a CPU: the starved server's agent could not answer, so it kept its full weight. */
    @Test
    void aSilentAgentsWeightIsHalvedPerUnansweredPollAfterTheFirst() {
        DestinationInput a = in("a", 150, 100, ready(300));
        DestinationInput b = in("b", 50, 100, ready(100));
        assertThat(WeightPolicy.decide(List.of(a.withUnansweredPolls(1), b), S)).extracting(Decision::target)
                .as("one miss (a 200 ms pause) moves nothing").containsExactly(150, 50);
        List<Decision> two = WeightPolicy.decide(List.of(a.withUnansweredPolls(2), b), S);
        assertThat(two).extracting(Decision::target).containsExactly(75, 50);
        assertThat(two.get(0).reason()).contains("did not answer in time").contains("150 -> 75");
        assertThat(WeightPolicy.decide(List.of(a.withUnansweredPolls(4), b), S)).extracting(Decision::target)
                .containsExactly(18, 50);
        assertThat(WeightPolicy.decide(List.of(a.withUnansweredPolls(Integer.MAX_VALUE), b), S))
                .extracting(Decision::target).as("never below min-weight, never 0").containsExactly(1, 50);
    }

    /** Issue 12, W5 at 5 %: one answer after a silence (queued requests completing together) lifted 1 to 100. */
    @Test
    void theFirstAnswerAfterASilenceRisesOneStepFromWhereTheSilenceLeftTheWeight() {
        DestinationInput b = in("b", 50, 100, ready(100)).withPreviousReport(ready(100));
        // Its previous sample unknown (the silence): the rise starts from the base lowered 5 times (3), not the base.
        DestinationInput unknown = in("a", 1, 100, ready(300)).withPreviousUnansweredPolls(6);
        Decision first = WeightPolicy.decide(List.of(unknown, b), S).get(0);
        assertThat(first.target()).isEqualTo(150);
        assertThat(first.weight()).isEqualTo(3 + 25);
        assertThat(first.reason()).contains("one step (25) above the previous sample's target 3");
        // Its previous sample known (the agent keeps it): the target it gave (150), silenced 5 times (4).
        Decision known = WeightPolicy.decide(List.of(unknown.withPreviousReport(ready(300)), b), S).get(0);
        assertThat(known.weight()).isEqualTo(4 + 25);
        // The next answer agrees and no silence came before it: the rest of the way.
        Decision next = WeightPolicy.decide(List.of(in("a", 29, 100, ready(300)).withPreviousReport(ready(300)), b), S)
                .get(0);
        assertThat(next.weight()).isEqualTo(150);
        // One unanswered poll before the answer was no silence: nothing held back.
        Decision oneMiss = WeightPolicy.decide(List.of(in("a", 150, 100, ready(300)).withPreviousReport(ready(300))
                .withPreviousUnansweredPolls(1), b), S).get(0);
        assertThat(oneMiss.weight()).isEqualTo(150);
    }

    @Test
    void aSilentAgentLowersAStaleWeightButNotADrainsZero() {
        DestinationInput stale = new DestinationInput("a", 100, 100, false, null, false, ready(300), 6_000, SETTLED);
        assertThat(WeightPolicy.decide(List.of(stale.withUnansweredPolls(3)), S).get(0).target()).isEqualTo(25);
        DestinationInput drained = new DestinationInput("a", 0, 100, false, null, false,
                state(AdminState.DRAIN, "deploy"), 6_000, SETTLED);
        assertThat(WeightPolicy.decide(List.of(drained.withUnansweredPolls(3)), S).get(0).target()).isZero();
        DestinationInput frozen = new DestinationInput("a", 80, 100, false, null, true, ready(300), 500, SETTLED);
        assertThat(WeightPolicy.decide(List.of(frozen.withUnansweredPolls(9)), S).get(0).target())
                .as("an operator's freeze wins").isEqualTo(80);
    }

    @Test
    void weightLevelsNeverLiftAWeightAboveItsCeiling() {
        PolicySettings levels = new PolicySettings(1, 1000, 4.0, 10_000, 5_000, 25, 5, 10);
        // "small" has base 2 (ceiling 8): a step of 40 would break its max-factor, so it stays exact.
        List<Decision> d = WeightPolicy.decide(List.of(in("big", 100, 100, ready(400)),
                in("small", 2, 2, ready(400))), levels);
        assertThat(d.get(0).target()).isEqualTo(100);
        assertThat(d.get(1).target()).isEqualTo(2);
        List<Decision> capped = WeightPolicy.decide(List.of(in("a", 100, 100, ready(10_000)),
                in("b", 100, 100, ready(1)), in("c", 100, 100, ready(1))), levels);
        // a: 3x the mean -> 300, under its ceiling of 400; the others one step of 10 levels (30):
        // 9 levels (steps of 33) keep those shares within 10 %, so 297 and one step each.
        assertThat(capped).extracting(Decision::target).containsExactly(297, 33, 33);
    }

    @Test
    void targetIsBoundedByMinMaxAndMaxFactor() {
        List<Decision> d = WeightPolicy.decide(List.of(
                in("big", 100, 100, ready(10_000)), in("tiny", 100, 100, ready(1)), in("c", 100, 100, ready(1)),
                in("d", 100, 100, ready(1)), in("e", 100, 100, ready(1))), S);
        assertThat(d.get(0).target()).isEqualTo(400); // ~5x the mean, but at most 4x base
        assertThat(d.get(0).reason()).contains("bounded 1..400");
        assertThat(d.get(1).target()).isEqualTo(1); // ready is never 0
        PolicySettings lowMax = new PolicySettings(1, 120, 4.0, 10_000, 5_000, 25, 5, 0);
        assertThat(WeightPolicy.decide(List.of(in("a", 100, 100, ready(300)), in("b", 100, 100, ready(100))), lowMax)
                .get(0).target()).isEqualTo(120);
    }

    @Test
    void newDestinationInBlackoutGetsTheMeanOfTheOthers() {
        DestinationInput fresh = new DestinationInput("new", 100, 100, false, null, false, ready(10_000), 100, 3_000);
        List<Decision> d = WeightPolicy.decide(List.of(in("a", 100, 100, ready(300)), in("b", 100, 100, ready(100)), fresh), S);
        // a=1.5x, b=0.5x over the two settled ones; the new one's huge capacity is not used yet
        assertThat(d.get(0).target()).isEqualTo(150);
        assertThat(d.get(2).target()).isEqualTo(100);
        assertThat(d.get(2).reason()).contains("blackout 3.0s of 10.0s").contains("mean of others 1.00x");
    }

    @Test
    void blackoutEndsAfterTheConfiguredPeriod() {
        DestinationInput settled = new DestinationInput("new", 100, 100, false, null, false, ready(300), 100, 10_000);
        List<Decision> d = WeightPolicy.decide(List.of(in("a", 100, 100, ready(100)), settled), S);
        assertThat(d.get(1).target()).isEqualTo(150);
    }

    @Test
    void onlyBlackoutDestinationsStayAtBase() {
        DestinationInput fresh = new DestinationInput("new", 80, 80, false, null, false, ready(5), 100, 0);
        Decision d = only(fresh);
        assertThat(d.weight()).isEqualTo(80);
        assertThat(d.reason()).contains("base 1.00x");
    }

    @Test
    void aRiseIsLimitedToOneStepAboveThePreviousSamplesTargetButDropsAreNot() {
        // The previous samples gave both 100 (equal capacities); now a asks 150: 125 (base 100, 25 %);
        // b's drop to 50 is at once.
        List<Decision> d = WeightPolicy.decide(List.of(in("a", 100, 100, ready(300)).withPreviousReport(ready(200)),
                in("b", 100, 100, ready(100)).withPreviousReport(ready(200))), S);
        assertThat(d.get(0).weight()).isEqualTo(125);
        assertThat(d.get(0).reason()).contains("rise limit: 125, one step (25) above the previous sample's target 100");
        // Regression (issue 12): a confirmed overload kept its traffic for two more cycles.
        assertThat(d.get(1).weight()).isEqualTo(50);
    }

    @ParameterizedTest(name = "kernel {0}")
    @CsvSource({"1", "100", "125", "150", "400"})
    void theKernelsWeightDoesNotMoveTheRiseLimit(int kernel) {
        // Regression (BENCHMARKS.md section 14): the limit started from the kernel's weight, so two directors whose
        // kernels held 1 and 100 wrote 51 and 105 from the same reports, and stayed apart for cycles.
        List<Decision> d = WeightPolicy.decide(List.of(in("a", kernel, 100, ready(300)).withPreviousReport(ready(200)),
                in("b", 100, 100, ready(100)).withPreviousReport(ready(200))), S);
        assertThat(d.get(0).weight()).isEqualTo(125);
    }

    @Test
    void withoutThePreviousSampleTheLimitStartsFromTheBase() {
        // First cycle, or a sample the agent no longer keeps: base 100 + one step 25, whatever the kernel holds.
        List<Decision> d = WeightPolicy.decide(List.of(in("a", 1, 100, ready(700)), in("b", 100, 100, ready(100))), S);
        assertThat(d.get(0).target()).isEqualTo(175);
        assertThat(d.get(0).weight()).isEqualTo(125);
        assertThat(d.get(0).reason()).contains("above the base 100 (previous sample unknown)");
    }

    @Test
    void theStepIsComputedWithoutIntOverflow() {
        // Regression (issue 13): 65535 x 100 % overflowed int on the way and made the step 1.
        PolicySettings wide = new PolicySettings(1, 65535, 4.0, 10_000, 5_000, 100, 0, 0);
        Decision d = WeightPolicy.decide(List.of(in("a", 1, 65535, ready(100)), in("b", 65535, 65535, ready(100))), wide).get(0);
        assertThat(d.weight()).isEqualTo(65535);
    }

    @Test
    void hugeCapacitiesDoNotSumToInfinity() {
        // Regression (issue 13): two capacities of 1e308 summed to Infinity: every factor 0, all at min-weight.
        List<Decision> d = WeightPolicy.decide(List.of(in("a", 100, 100, ready(1e308)), in("b", 100, 100, ready(1e308))), S);
        assertThat(d).extracting(Decision::weight).containsExactly(100, 100);
    }

    @Test
    void aStaleDrainStaysAtZero() {
        // Regression (issue 13): blocking the agent's port undid a drain (stale -> base weight).
        DestinationInput drained = new DestinationInput("a", 0, 100, false, null, false,
                state(AdminState.DRAIN, "deploy"), 6_000, SETTLED);
        Decision d = WeightPolicy.decide(List.of(drained, in("b", 100, 100, ready(100))), S).get(0);
        assertThat(d.weight()).isZero();
        assertThat(d.reason()).contains("last report 6.0s old said drain");
    }

    @Test
    void theBlackoutFollowsTheAgentsUptimeSoEveryDirectorAgrees() {
        // A bridge that has just started hears an agent that has been up for minutes: no blackout.
        FeedbackReport old = FeedbackReport.builder().signal("capacity", 300).uptimeMillis(600_000).build();
        DestinationInput justHeard = new DestinationInput("a", 100, 100, false, null, false, old, 100, 100);
        List<Decision> d = WeightPolicy.decide(List.of(justHeard, in("b", 100, 100, ready(100))), S);
        assertThat(d.get(0).target()).isEqualTo(150);
        // An agent up for 2 s is new, however long this bridge has been polling its address.
        FeedbackReport young = FeedbackReport.builder().signal("capacity", 300).uptimeMillis(2_000).build();
        DestinationInput restarted = new DestinationInput("a", 100, 100, false, null, false, young, 100, SETTLED);
        assertThat(WeightPolicy.decide(List.of(restarted, in("b", 100, 100, ready(100))), S).get(0).reason())
                .contains("blackout 2.0s of 10.0s");
    }

    @Test
    void aRiseTwoSamplesAgreeOnIsTakenWholeInTheSecondInterval() {
        FeedbackReport a0 = ready(200);
        FeedbackReport b0 = ready(200);
        int a = 100;
        int b = 100;
        List<Integer> written = new java.util.ArrayList<>();
        for (int cycle = 0; cycle < 3; cycle++) {
            List<Decision> d = WeightPolicy.decide(List.of(in("a", a, 100, ready(400)).withPreviousReport(a0),
                    in("b", b, 100, ready(100)).withPreviousReport(b0)), S);
            a = d.get(0).weight();
            b = d.get(1).weight();
            written.add(a);
            a0 = ready(400);
            b0 = ready(100);
        }
        // target 160 (400 of a mean 250): 125 after the first sample, 160 once the second agrees
        assertThat(written).containsExactly(125, 160, 160);
        assertThat(b).isEqualTo(40);
    }

    @ParameterizedTest(name = "current {0}, capacity ratio -> target {1}: written={2}")
    @CsvSource({"100, 104, false", "100, 96, false", "100, 105, true", "100, 110, true"})
    void deadBandSuppressesSmallLoadChanges(int current, int target, boolean written) {
        // two destinations whose capacities put "a" at target and "b" at 200 - target (mean 100)
        List<Decision> d = WeightPolicy.decide(List.of(in("a", current, 100, ready(target)), in("b", 100, 100, ready(200 - target))), S);
        assertThat(d.get(0).target()).isEqualTo(target);
        assertThat(d.get(0).changes()).isEqualTo(written);
        if (!written) {
            assertThat(d.get(0).reason()).contains("within dead band 5%");
        }
    }

    @Test
    void staleReportReturnsToBaseWeightNotZero() {
        DestinationInput stale = new DestinationInput("a", 40, 100, false, null, false, ready(10), 6_000, SETTLED);
        Decision d = only(stale);
        assertThat(d.target()).isEqualTo(100);
        // The base is where the rise limit starts when there is no previous sample: at once.
        assertThat(d.weight()).isEqualTo(100);
        assertThat(d.cause()).isEqualTo(Cause.STALE);
        assertThat(d.reason()).contains("last report 6.0s old: base weight 100");
    }

    @Test
    void aJustStartedBridgeKeepsAKernelWeightAboveTheRiseLimit() {
        // Regression: the rise limit (base 100 + one step 25) cut a kept 300 while the first polls
        // failed, resetting the weight the other directors and the bridge's last run had moved.
        Decision d = only(new DestinationInput("a", 300, 100, false, null, false, null, 0, 0, 1_000));
        assertThat(d.weight()).isEqualTo(300);
        assertThat(d.changes()).isFalse();
        assertThat(d.reason()).contains("kept at 300");
    }

    @Test
    void noReportYetMeansBaseWeight() {
        Decision d = only(new DestinationInput("a", 100, 100, false, null, false, null, 0, 0));
        assertThat(d.changes()).isFalse();
        assertThat(d.reason()).isEqualTo("no report yet: base weight 100");
    }

    @ParameterizedTest
    @CsvSource({"DRAIN, drain", "MAINT, maint", "DOWN, down"})
    void agentDrainMaintAndDownGoToZeroAtOnce(AdminState state, String word) {
        List<Decision> d = WeightPolicy.decide(List.of(
                in("a", 100, 100, state(state, "deploying")), in("b", 100, 100, ready(100))), S);
        assertThat(d.get(0).weight()).isZero(); // no slew for administrative states
        assertThat(d.get(0).reason()).isEqualTo("agent says " + word + " (deploying)");
        assertThat(d.get(0).cause()).isEqualTo(Cause.AGENT_ZERO);
    }

    @Test
    void comingBackFromDrainRampsUpWithTheRiseLimit() {
        // The previous sample said drain (target 0): one step now, the rest when the next sample agrees.
        Decision d = only(in("a", 0, 100, ready(100)).withPreviousReport(state(AdminState.DRAIN, "deploy")));
        assertThat(d.target()).isEqualTo(100);
        assertThat(d.weight()).isEqualTo(25);
        assertThat(d.reason()).contains("above the previous sample's target 0");
    }

    @Test
    void allZeroGuardKeepsTheLastServingDestinations() {
        List<Decision> d = WeightPolicy.decide(List.of(
                in("a", 0, 100, state(AdminState.DRAIN, "")),
                in("b", 70, 100, state(AdminState.DOWN, "db gone")),
                in("c", 50, 100, state(AdminState.DRAIN, ""))), S);
        assertThat(d).extracting(Decision::weight).containsExactly(0, 70, 50);
        assertThat(d.get(1).cause()).isEqualTo(Cause.GUARD);
        assertThat(d.get(1).reason()).contains("agent says down (db gone)").contains("all-zero guard");
    }

    @Test
    void allZeroGuardDoesNotHoldWhenAnotherDestinationServes() {
        List<Decision> d = WeightPolicy.decide(List.of(
                in("a", 100, 100, state(AdminState.DRAIN, "")), in("b", 100, 100, ready(100))), S);
        assertThat(d.get(0).weight()).isZero();
    }

    @Test
    void allZeroGuardDoesNotOverruleAnOperatorsZeroOverride() {
        DestinationInput zeroed = new DestinationInput("a", 100, 100, false, 0, false, ready(100), 100, SETTLED);
        assertThat(only(zeroed).weight()).isZero();
    }

    @Test
    void overrideWinsOverReportsAndIsImmediate() {
        DestinationInput o = new DestinationInput("a", 100, 100, false, 7, false, state(AdminState.DRAIN, ""), 100, SETTLED);
        Decision d = only(o);
        assertThat(d.weight()).isEqualTo(7);
        assertThat(d.cause()).isEqualTo(Cause.OVERRIDE);
        assertThat(d.reason()).isEqualTo("operator override 7");
    }

    @Test
    void frozenDestinationKeepsItsKernelWeight() {
        DestinationInput f = new DestinationInput("a", 33, 100, false, 7, true, state(AdminState.DRAIN, ""), 100, SETTLED);
        Decision d = only(f);
        assertThat(d.changes()).isFalse();
        assertThat(d.weight()).isEqualTo(33);
        assertThat(d.cause()).isEqualTo(Cause.FROZEN);
    }

    @Test
    void externallyQuiescedDestinationIsNeverRaised() {
        DestinationInput q = new DestinationInput("a", 0, 100, true, null, false, ready(1000), 100, SETTLED);
        Decision d = only(q, in("b", 100, 100, ready(100)));
        assertThat(d.weight()).isZero();
        assertThat(d.cause()).isEqualTo(Cause.QUIESCED);
        assertThat(d.reason()).contains("written by another party");
    }

    @Test
    void quiescedDestinationsDoNotCountInTheCapacityMean() {
        DestinationInput q = new DestinationInput("q", 0, 100, true, null, false, ready(1000), 100, SETTLED);
        List<Decision> d = WeightPolicy.decide(List.of(q, in("a", 100, 100, ready(100)), in("b", 100, 100, ready(100))), S);
        assertThat(d.get(1).target()).isEqualTo(100);
    }
}
