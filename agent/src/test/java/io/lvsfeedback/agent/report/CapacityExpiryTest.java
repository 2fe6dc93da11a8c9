package io.lvsfeedback.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lvsfeedback.model.protocol.Signals;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code capacity-expiry}: a server starved of requests by its own low weight (IPVS wlc counts inactive
 * connections against the weight) must not keep a capacity no completion confirms. Fake clock,
 * half-second ticks measured by a timer, 10 s smoothing, two request threads.
 */
class CapacityExpiryTest {
    private static final long TICK = 500_000_000L;
    private static final long TAU = 20 * TICK;

    private final CapacityEstimator estimator = new CapacityEstimator();
    private long now;

    /** One tick: rps, mean concurrency (time of the requests completed in it / its length), requests in service at its end. */
    private double tick(double rps, double concurrency, double inService) {
        Map<String, Double> s = new HashMap<>();
        s.put(Signals.REQUESTS_PER_SECOND, rps);
        s.put(Signals.ERRORS_PER_SECOND, 0.0);
        s.put(Signals.CONCURRENCY, concurrency);
        s.put(Signals.IN_FLIGHT, inService);
        s.put(Signals.POOL_MAX, 2.0);
        now += TICK;
        estimator.update(s, now, TAU);
        return s.get(Signals.CAPACITY);
    }

    /** The lab's slowed W2 server: 2 req/s of 1 s requests on 2 threads (capacity 2/s). */
    private double slow() {
        double c = Double.NaN;
        for (int i = 0; i < 60; i++) {
            c = tick(2, 2 * 1.0, 1);
        }
        return c;
    }

    @Test
    void anIdleServersCapacityIsForgottenAfterTheExpiryAndTheNextRequestsMeasureItAgain() {
        estimator.expiry(Duration.ofSeconds(3));
        assertThat(slow()).isCloseTo(2, within(1e-6));
        for (int i = 0; i < 5; i++) {
            assertThat(tick(0, 0, 0)).as("idle for %d ms: still known", (i + 1) * 500).isCloseTo(2, within(1e-6));
        }
        assertThat(tick(0, 0, 0)).as("idle for 3 s: forgotten").isNaN();
        assertThat(tick(0, 0, 0)).as("stays unknown while idle").isNaN();
        // The server is fast again (200 ms): the first requests it gets set the new level.
        assertThat(tick(2, 2 * 0.2, 0)).isCloseTo(10, within(1e-6));
    }

    @Test
    void aTickThatRanAFewMillisecondsLateDoesNotMakeTheExpiryWaitAnotherInterval() {
        estimator.expiry(Duration.ofSeconds(1));
        assertThat(slow()).isCloseTo(2, within(1e-6));
        now += 5_000_000; // the last completing tick ran 5 ms late; the next ones are on time
        assertThat(tick(2, 2 * 1.0, 0)).isCloseTo(2, within(1e-6));
        now -= 5_000_000;
        assertThat(tick(0, 0, 0)).as("idle 495 ms").isCloseTo(2, within(1e-6));
        assertThat(tick(0, 0, 0)).as("idle 995 ms: the expiry's tick").isNaN();
    }

    @Test
    void aForgottenServerThatIsProbedAndStaysBusyWithoutACompletionReportsTheSilencesBound() {
        estimator.expiry(Duration.ofSeconds(1));
        assertThat(slow()).isCloseTo(2, within(1e-6)); // steady 1 s requests: learnt as steady
        tick(0, 0, 0);
        assertThat(tick(0, 0, 0)).as("idle 1 s: forgotten").isNaN();
        // Still slow: the bridge raised the weight, two requests came in and are both in service.
        assertThat(tick(0, 0, 2)).as("busy from here on, nothing in service at the last tick").isNaN();
        assertThat(tick(0, 0, 2)).as("both threads busy through an interval, no completion: 2 threads / 0.5 s")
                .isCloseTo(4, within(1e-6));
        assertThat(tick(2, 2 * 1.0, 2)).as("the first slow completions set the level").isCloseTo(2, within(1e-6));
    }

    @Test
    void withoutAnExpiryAnIdleServerKeepsItsCapacity() {
        assertThat(slow()).isCloseTo(2, within(1e-6));
        for (int i = 0; i < 100; i++) {
            assertThat(tick(0, 0, 0)).isCloseTo(2, within(1e-6));
        }
    }

    @Test
    void aBusyServerWithoutCompletionsIsNotIdleAndKeepsItsBound() {
        estimator.expiry(Duration.ofSeconds(1));
        assertThat(slow()).isCloseTo(2, within(1e-6));
        for (int i = 0; i < 10; i++) {
            // Both threads on requests that do not complete: a silence, evidence of slowness, not of nothing.
            assertThat(tick(0, 0, 2)).as("tick %d", i).isNotNaN().isLessThanOrEqualTo(2 + 1e-6);
        }
    }

    @Test
    void sporadicRequestsConfirmTheLevelAndKeepItFromExpiring() {
        estimator.expiry(Duration.ofSeconds(3));
        assertThat(slow()).isCloseTo(2, within(1e-6));
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 4; i++) {
                tick(0, 0, 0); // 2 s idle
            }
            assertThat(tick(2, 2 * 1.0, 0)).as("round %d", round).isCloseTo(2, within(0.05));
        }
    }

    @Test
    void theReportCarriesTheLearntNoiseAndTheSamplesStallsTookAway() {
        slow();
        Map<String, Double> s = new HashMap<>();
        s.put(Signals.REQUESTS_PER_SECOND, 2.0);
        s.put(Signals.ERRORS_PER_SECOND, 0.0);
        s.put(Signals.CONCURRENCY, 2.0);
        s.put(Signals.IN_FLIGHT, 1.0);
        s.put(Signals.POOL_MAX, 2.0);
        now += TICK;
        estimator.update(s, now, TAU, true); // sampled late: this sample and the next are left out
        assertThat(s.get(Signals.SAMPLES_STALLED)).isEqualTo(1.0);
        tick(2, 2.0, 1);
        Map<String, Double> after = new HashMap<>(Map.of(Signals.REQUESTS_PER_SECOND, 2.0, Signals.ERRORS_PER_SECOND, 0.0,
                Signals.CONCURRENCY, 2.0, Signals.IN_FLIGHT, 1.0, Signals.POOL_MAX, 2.0));
        now += TICK;
        estimator.update(after, now, TAU);
        assertThat(after.get(Signals.SAMPLES_STALLED)).isEqualTo(2.0);
        // 60 identical samples: the noise learnt falls well below the exponential's 1 it starts from.
        assertThat(after.get(Signals.CAPACITY_NOISE)).isBetween(0.0, 0.5);
    }

    /** idle-probe: a tick with at most one completion (the probe's) and nothing in service is starved. */
    @Test
    void starvedMeansAtMostOneCompletionAndNothingInService() {
        slow();
        assertThat(estimator.starved()).as("2 req/s, one in service").isFalse();
        tick(0, 0, 0);
        assertThat(estimator.starved()).as("nothing at all").isTrue();
        tick(2, 0.4, 0);
        assertThat(estimator.starved()).as("one completion in half a second: the probe's").isTrue();
        tick(4, 0.8, 0);
        assertThat(estimator.starved()).as("two completions").isFalse();
        tick(0, 0, 1);
        assertThat(estimator.starved()).as("one in service (a probe on its way)").isFalse();
    }

    /** The probes of a starved slow server keep its capacity measured: never forgotten, the same level. */
    @Test
    void probesOfAStarvedServerKeepItsCapacityKnownAndShowItsRecovery() {
        estimator.expiry(Duration.ofSeconds(1));
        assertThat(slow()).isCloseTo(2, within(1e-6));
        for (int i = 0; i < 20; i++) {
            // A 1 s probe: sent at a tick, in service at the next, completed by the one after (the
            // timer books its whole second there).
            assertThat(tick(0, 0, 1)).as("probe %d in service", i).isCloseTo(2, within(0.2));
            assertThat(tick(2, 1.0 / 0.5, 0)).as("probe %d completed", i).isCloseTo(2, within(0.2));
        }
        // Recovered (200 ms): each probe completes within the tick it was sent in.
        double c = Double.NaN;
        int ticks = 0;
        while (ticks < 6 && !(c > 6)) {
            c = tick(2, 2 * 0.2, 0);
            ticks++;
        }
        assertThat(c).as("half-way to 10/s after %d ticks", ticks).isGreaterThan(6);
        assertThat(ticks).isLessThanOrEqualTo(3);
    }
}
