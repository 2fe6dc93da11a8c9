package io.lvsfeedback.bridge.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bridge.policy.Decision.Cause;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.From;

/** Safety rules that must hold for any mix of destinations, reports and operator actions. */
class WeightPolicyPropertiesTest {
    static final PolicySettings S = new PolicySettings(1, 500, 4.0, 10_000, 5_000, 25, 5, 0);
    static final PolicySettings LEVELS = new PolicySettings(1, 500, 4.0, 10_000, 5_000, 25, 5, 10);
    /** Dead band off, as with several directors: it is the one rule that keeps a director's own history. */
    static final PolicySettings NO_DEAD_BAND = new PolicySettings(1, 500, 4.0, 10_000, 5_000, 25, 0, 10);
    /** The backlog term on (it acts under wrr only). */
    static final PolicySettings BACKLOG = new PolicySettings(1, 500, 4.0, 10_000, 5_000, 25, 5, 10, 1_000);
    static final PolicySettings FAST_FIRST = new PolicySettings(1, 500, 4.0, 10_000, 5_000, 25, 5, 10, 1_000, 90);

    /** A signal that is sometimes absent, sometimes odd (NaN, huge, negative), mostly a plausible figure. */
    static Arbitrary<Double> oddOrPlausible(double max) {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-1, max), Arbitraries.of(1e308, Double.NaN, 0.0)).injectNull(0.5);
    }

    static Arbitrary<FeedbackReport> report() {
        return Combinators.combine(
                Arbitraries.of(AdminState.class), Arbitraries.integers().between(0, 100),
                Arbitraries.doubles().between(0, 5000),
                oddOrPlausible(1e4), oddOrPlausible(1e4), oddOrPlausible(500))
                .as((state, pct, cap, queue, rps, threads) -> {
                    FeedbackReport.Builder b = FeedbackReport.builder().state(state).weightPercent(pct).signal("capacity", cap);
                    b = queue == null ? b : b.signal("pool_queue", queue);
                    b = rps == null ? b : b.signal("rps", rps);
                    return (threads == null ? b : b.signal("pool_max", threads)).build();
                });
    }

    @Provide
    Arbitrary<DestinationInput> destination() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 500), Arbitraries.integers().between(1, 300),
                Arbitraries.of(true, false, false, false), Arbitraries.integers().between(0, 50).injectNull(0.8),
                Arbitraries.of(true, false, false, false, false), report().injectNull(0.15),
                Arbitraries.longs().between(0, 20_000), Arbitraries.longs().between(0, 60_000))
                .as((kernel, base, quiesced, override, frozen, r, age, reportingFor) ->
                        new DestinationInput("d", kernel, base, quiesced, override, frozen, r, age, reportingFor))
                .flatMap(in -> report().injectNull(0.2).map(in::withPreviousReport));
    }

    /**
     * What the previous samples asked for: the policy's targets over them as a cycle of their own
     * (fresh when taken); null where a destination has no previous sample or it did not come from
     * the reports. The rise limit starts there, or at the base when null.
     */
    static Integer[] previousTargets(List<DestinationInput> ds, PolicySettings settings, String scheduler) {
        List<DestinationInput> previous = ds.stream().map(in -> new DestinationInput(in.key(), in.kernelWeight(),
                in.baseWeight(), in.quiesced(), in.override(), in.frozen(), in.previousReport(), 0,
                in.reportingForMillis())).toList();
        List<Decision> out = WeightPolicy.decide(previous, settings, scheduler);
        Integer[] targets = new Integer[ds.size()];
        for (int i = 0; i < targets.length; i++) {
            Cause c = out.get(i).cause();
            boolean fromReports = c == Cause.LOAD || c == Cause.AGENT_ZERO || c == Cause.GUARD;
            if (ds.get(i).previousReport() != null && fromReports) {
                targets[i] = c == Cause.GUARD ? 0 : out.get(i).target();
            }
        }
        return targets;
    }

    @Property(tries = 300)
    void weightsStayWithinBoundsAndRiseAtMostOneStep(@ForAll @Size(min = 1, max = 8) List<@From("destination") DestinationInput> ds) {
        holdsTheSafetyRules(ds, S);
    }

    @Property(tries = 300)
    void roundingToWeightLevelsKeepsTheSameRules(@ForAll @Size(min = 1, max = 8) List<@From("destination") DestinationInput> ds) {
        holdsTheSafetyRules(ds, LEVELS);
    }

    @Property(tries = 300)
    void queuesUnderWrrKeepTheSameRules(@ForAll @Size(min = 1, max = 8) List<@From("destination") DestinationInput> ds) {
        holdsTheSafetyRules(ds, BACKLOG, "wrr");
    }

    @Property(tries = 300)
    void fastFirstUnderWrrKeepsTheSameRules(@ForAll @Size(min = 1, max = 8) List<@From("destination") DestinationInput> ds) {
        holdsTheSafetyRules(ds, FAST_FIRST, "wrr");
    }

    /**
     * Fast-first only takes from the servers it calls slow: their targets never rise, every other
     * load-driven target never falls (weights exact: rounding to levels can move a neighbour).
     */
    @Property(tries = 300)
    void fastFirstLowersOnlyTheSlowServers(@ForAll @Size(min = 1, max = 8) List<@From("destination") DestinationInput> ds) {
        PolicySettings plain = new PolicySettings(1, 500, 4.0, 10_000, 5_000, 25, 0, 0, 0, 0);
        PolicySettings fastFirst = new PolicySettings(1, 500, 4.0, 10_000, 5_000, 25, 0, 0, 0, 90);
        List<Decision> without = WeightPolicy.decide(ds, plain, "wrr");
        List<Decision> with = WeightPolicy.decide(ds, fastFirst, "wrr");
        for (int i = 0; i < ds.size(); i++) {
            if (with.get(i).cause() != Cause.LOAD) {
                continue;
            }
            if (with.get(i).reason().contains("cannot take")) {
                assertThat(with.get(i).target()).as(with.get(i).reason()).isLessThanOrEqualTo(without.get(i).target());
            } else {
                assertThat(with.get(i).target()).as(with.get(i).reason()).isGreaterThanOrEqualTo(without.get(i).target());
            }
        }
    }

    @Property(tries = 300)
    void silentAgentsKeepTheSameRules(@ForAll @Size(min = 1, max = 8) List<@From("destination") DestinationInput> ds,
            @ForAll @IntRange(min = 0, max = 40) int unanswered) {
        holdsTheSafetyRules(ds.stream().map(in -> in.withUnansweredPolls(unanswered)).toList(), LEVELS);
    }

    /** Silence never raises a target (weight levels off: rounding can move a neighbour's share). */
    @Property(tries = 300)
    void aSilentAgentsTargetIsNeverAboveItsAnsweredOne(@ForAll @Size(min = 1, max = 8) List<@From("destination") DestinationInput> ds,
            @ForAll @IntRange(min = 0, max = 40) int unanswered) {
        List<Decision> answered = WeightPolicy.decide(ds, S);
        List<DestinationInput> silentFirst = new java.util.ArrayList<>(ds);
        silentFirst.set(0, ds.get(0).withUnansweredPolls(unanswered));
        Decision silent = WeightPolicy.decide(silentFirst, S).get(0);
        assertThat(silent.target()).isLessThanOrEqualTo(answered.get(0).target());
        if (unanswered >= SilentAgent.CONFIRM_POLLS && answered.get(0).target() > 0
                && (silent.cause() == Cause.LOAD || silent.cause() == Cause.STALE)) {
            assertThat(silent.target()).as("lowered, never to 0").isPositive()
                    .isLessThanOrEqualTo(Math.max(S.minWeight(), answered.get(0).target() / 2));
        }
    }

    private static void holdsTheSafetyRules(List<DestinationInput> ds, PolicySettings settings) {
        holdsTheSafetyRules(ds, settings, null);
    }

    private static void holdsTheSafetyRules(List<DestinationInput> ds, PolicySettings settings, String scheduler) {
        List<Decision> out = WeightPolicy.decide(ds, settings, scheduler);
        Integer[] previousTargets = previousTargets(ds, settings, scheduler);
        assertThat(out).hasSameSizeAs(ds);
        for (int i = 0; i < ds.size(); i++) {
            DestinationInput in = ds.get(i);
            Decision d = out.get(i);
            assertThat(d.weight()).isGreaterThanOrEqualTo(0);
            assertThat(d.reason()).isNotBlank();
            if ((d.cause() == Cause.LOAD || d.cause() == Cause.STALE) && d.weight() != in.kernelWeight()) {
                long step = Math.max(1, (long) Math.ceil(in.baseWeight() * (double) settings.maxStepPercent() / 100.0));
                long from = previousTargets[i] != null ? previousTargets[i] : in.baseWeight();
                assertThat((long) d.weight()).as("at most one step above the previous sample's target (or the base)")
                        .isLessThanOrEqualTo(from + step);
                assertThat(d.weight()).as("never above the target").isLessThanOrEqualTo(d.target());
                if (d.target() <= from + step) {
                    assertThat(d.weight()).as("within one step: the target at once").isEqualTo(d.target());
                }
            }
            if (d.cause() == Cause.LOAD) {
                assertThat(d.target()).isBetween(settings.minWeight(), settings.maxWeight());
                assertThat(d.target()).as("never above max-factor x base")
                        .isLessThanOrEqualTo((int) Math.max(settings.minWeight(), Math.floor(in.baseWeight() * settings.maxFactor())));
            }
            if (in.frozen()) {
                assertThat(d.changes()).isFalse();
            }
            if (in.quiesced() && !in.frozen() && in.override() == null) {
                assertThat(d.weight()).as("an external 0 is never raised").isZero();
            }
        }
    }

    /**
     * The rule that lets directors agree: with the dead band off, a load-driven or stale weight is a
     * function of the reports and the configuration, whatever weight each director's kernel holds.
     */
    @Property(tries = 300)
    void loadDrivenWeightsDoNotDependOnTheKernelsWeights(
            @ForAll @Size(min = 1, max = 8) List<@From("destination") DestinationInput> ds,
            @ForAll @Size(8) List<@IntRange(min = 0, max = 500) Integer> otherKernel) {
        List<DestinationInput> other = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            DestinationInput in = ds.get(i);
            other.add(new DestinationInput(in.key(), otherKernel.get(i), in.baseWeight(), in.quiesced(), in.override(),
                    in.frozen(), in.report(), in.reportAgeMillis(), in.reportingForMillis(), in.knownForMillis(),
                    in.previousReport()));
        }
        sameLoadDrivenWeights(ds, other, otherKernel, NO_DEAD_BAND, null);
        // Under wrr with both scheduler terms (queues, fast-first): they read the reports alone too.
        PolicySettings wrrTerms = new PolicySettings(1, 500, 4.0, 10_000, 5_000, 25, 0, 10, 1_000, 95);
        sameLoadDrivenWeights(ds, other, otherKernel, wrrTerms, "wrr");
    }

    private static void sameLoadDrivenWeights(List<DestinationInput> ds, List<DestinationInput> other, List<Integer> otherKernel,
            PolicySettings settings, String scheduler) {
        List<Decision> here = WeightPolicy.decide(ds, settings, scheduler);
        List<Decision> there = WeightPolicy.decide(other, settings, scheduler);
        for (int i = 0; i < ds.size(); i++) {
            Cause c = here.get(i).cause();
            if (c == Cause.LOAD || c == Cause.STALE) {
                assertThat(there.get(i).weight()).as("destination %d, kernels %d and %d", i, ds.get(i).kernelWeight(),
                        otherKernel.get(i)).isEqualTo(here.get(i).weight());
            }
        }
    }

    /**
     * Two samples agreeing (the previous one is this one, every report fresh, as while a load holds):
     * the target is taken whole.
     */
    @Property(tries = 300)
    void aConfirmedTargetIsTakenWhole(@ForAll @Size(min = 1, max = 8) List<@From("destination") DestinationInput> ds) {
        List<DestinationInput> confirmed = ds.stream().map(in -> new DestinationInput(in.key(), in.kernelWeight(),
                in.baseWeight(), in.quiesced(), in.override(), in.frozen(), in.report(),
                Math.min(in.reportAgeMillis(), NO_DEAD_BAND.staleAfterMillis()), in.reportingForMillis(),
                in.knownForMillis(), in.report())).toList();
        List<Decision> out = WeightPolicy.decide(confirmed, NO_DEAD_BAND);
        for (int i = 0; i < ds.size(); i++) {
            if (out.get(i).cause() == Cause.LOAD) {
                assertThat(out.get(i).weight()).as("destination %d", i).isEqualTo(out.get(i).target());
            }
        }
    }

    @Property(tries = 300)
    void reportsNeverTakeTheLastServingDestinationsToZero(@ForAll @Size(min = 1, max = 8) List<@From("destination") DestinationInput> ds) {
        List<Decision> out = WeightPolicy.decide(ds, S);
        boolean servingBefore = false;
        boolean servingAfter = false;
        boolean zeroedByOthers = false;
        for (int i = 0; i < ds.size(); i++) {
            servingBefore |= ds.get(i).kernelWeight() > 0;
            servingAfter |= out.get(i).weight() > 0;
            Cause c = out.get(i).cause();
            // zeros an operator or another party chose are theirs to make
            zeroedByOthers |= ds.get(i).kernelWeight() > 0 && out.get(i).weight() == 0
                    && (c == Cause.OVERRIDE || c == Cause.QUIESCED);
        }
        if (servingBefore && !zeroedByOthers) {
            assertThat(servingAfter).as("some destination keeps serving").isTrue();
        }
    }
}
