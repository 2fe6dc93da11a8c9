package io.lvsfeedback.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.agent.config.SignalWeights;
import io.lvsfeedback.agent.signal.LoadSignal;
import io.lvsfeedback.agent.testing.FakeClock;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The {@code at=} of a poll comes from the network (a director's clock, or anyone who can reach the
 * port): whatever it says, the agent answers, never samples one boundary twice, never publishes an
 * older boundary after a newer one, and never makes the feedback port wait long for the sampler.
 */
class ReporterCatchUpPropertiesTest {
    private static final long INTERVAL = 500;

    private final FakeClock clock = new FakeClock();
    private volatile LoadSignal signal = out -> out.put(Signals.CPU_SYSTEM, 0.2);

    private Reporter reporter() {
        Tunables t = new Tunables(Duration.ofSeconds(10), new SignalWeights(1, 1, 1, 1), 0.1, 0.9, 1);
        Reporter r = new Reporter(clock, List.of(out -> signal.sample(out)), List.of(), t, new AdminControl(), () -> null,
                () -> List.of(8080), () -> "rs1");
        r.sampleInterval(INTERVAL);
        return r;
    }

    @Provide
    Arbitrary<List<Long>> atValues() {
        long now = new FakeClock().wallMillis();
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(now - 20_000, now + 60_000),
                Arbitraries.of(0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE, now, now - INTERVAL)).list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void anyAtIsAnsweredAndTheSamplesStayInOrderOnePerBoundary(
            @ForAll("atValues") List<Long> ats, @ForAll @IntRange(min = 0, max = 1500) int stepMillis) {
        Reporter r = reporter();
        r.tick(Math.floorDiv(clock.wallMillis(), INTERVAL) * INTERVAL);
        long newest = r.current().epochMillis();
        long sequence = r.current().sequence();
        for (long at : ats) {
            clock.advance(Duration.ofMillis(stepMillis));
            FeedbackReport answer = r.reportAt(at);
            assertThat(answer).isNotNull();
            FeedbackReport current = r.current();
            assertThat(current.epochMillis()).as("never an older boundary after a newer one").isGreaterThanOrEqualTo(newest);
            if (current.epochMillis() > newest) {
                // A new sample is only ever a due boundary asked for, taken once.
                assertThat(current.epochMillis() % INTERVAL).isZero();
                assertThat(current.epochMillis()).isLessThanOrEqualTo(clock.wallMillis()).isLessThanOrEqualTo(at);
                assertThat(current.sequence()).isEqualTo(sequence + 1);
            } else {
                assertThat(current.sequence()).as("nothing sampled").isEqualTo(sequence);
            }
            newest = current.epochMillis();
            sequence = current.sequence();
        }
    }

    @Test
    void aPollDoesNotWaitLongForASamplerThatHangs() throws Exception {
        Reporter r = reporter();
        long start = Math.floorDiv(clock.wallMillis(), INTERVAL) * INTERVAL;
        r.tick(start);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        signal = out -> {
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS); // a signal stuck in an MBean read
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        clock.advance(Duration.ofMillis(INTERVAL + 100));
        CompletableFuture<Void> stuck = CompletableFuture.runAsync(() -> r.tick(start + INTERVAL));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            // The poll gives up on the lock and answers with what there is, instead of stalling the port.
            FeedbackReport answer = CompletableFuture.supplyAsync(() -> r.reportAt(start + INTERVAL + 50)).get(10, TimeUnit.SECONDS);
            assertThat(answer.epochMillis()).isEqualTo(start);
        } finally {
            release.countDown();
            stuck.get(10, TimeUnit.SECONDS);
        }
        assertThat(r.current().epochMillis()).isEqualTo(start + INTERVAL);
    }
}
