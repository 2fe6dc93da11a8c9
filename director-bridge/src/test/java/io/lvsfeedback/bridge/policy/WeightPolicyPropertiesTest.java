package io.lvsfeedback.bridge.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bridge.policy.Decision.Cause;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.From;

/** Safety rules that must hold for any mix of destinations, reports and operator actions. */
class WeightPolicyPropertiesTest {
    static final PolicySettings S = new PolicySettings(1, 500, 4.0, 10_000, 5_000, 25, 5, 0);
    static final PolicySettings LEVELS = new PolicySettings(1, 500, 4.0, 10_000, 5_000, 25, 5, 10);

    @Provide
    Arbitrary<DestinationInput> destination() {
        Arbitrary<FeedbackReport> report = Combinators.combine(
                Arbitraries.of(AdminState.class), Arbitraries.integers().between(0, 100),
                Arbitraries.doubles().between(0, 5000)).as((state, pct, cap) ->
                        FeedbackReport.builder().state(state).weightPercent(pct).signal("capacity", cap).build())
                .injectNull(0.15);
        return Combinators.combine(
                Arbitraries.integers().between(0, 500), Arbitraries.integers().between(1, 300),
                Arbitraries.of(true, false, false, false), Arbitraries.integers().between(0, 50).injectNull(0.8),
                Arbitraries.of(true, false, false, false, false), report,
                Arbitraries.longs().between(0, 20_000), Arbitraries.longs().between(0, 60_000))
                .as((kernel, base, quiesced, override, frozen, r, age, reportingFor) ->
                        new DestinationInput("d", kernel, base, quiesced, override, frozen, r, age, reportingFor));
    }

    @Property(tries = 300)
    void weightsStayWithinBoundsAndRiseAtMostOneStep(@ForAll @Size(min = 1, max = 8) List<@From("destination") DestinationInput> ds) {
        holdsTheSafetyRules(ds, S);
    }

    @Property(tries = 300)
    void roundingToWeightLevelsKeepsTheSameRules(@ForAll @Size(min = 1, max = 8) List<@From("destination") DestinationInput> ds) {
        holdsTheSafetyRules(ds, LEVELS);
    }

    private static void holdsTheSafetyRules(List<DestinationInput> ds, PolicySettings settings) {
        List<Decision> out = WeightPolicy.decide(ds, settings);
        assertThat(out).hasSameSizeAs(ds);
        for (int i = 0; i < ds.size(); i++) {
            DestinationInput in = ds.get(i);
            Decision d = out.get(i);
            assertThat(d.weight()).isGreaterThanOrEqualTo(0);
            assertThat(d.reason()).isNotBlank();
            if (d.cause() == Cause.LOAD || d.cause() == Cause.STALE) {
                long step = Math.max(1, (long) Math.ceil(in.baseWeight() * (double) settings.maxStepPercent() / 100.0));
                assertThat((long) d.weight() - in.kernelWeight()).as("rises at most one step").isLessThanOrEqualTo(step);
                if (d.weight() < in.kernelWeight()) {
                    assertThat(d.weight()).as("drops go straight to the target").isEqualTo(d.target());
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
