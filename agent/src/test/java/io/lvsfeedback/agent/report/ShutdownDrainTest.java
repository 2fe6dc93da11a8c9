package io.lvsfeedback.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.agent.lifecycle.ShutdownDrain;
import io.lvsfeedback.agent.testing.FakeClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShutdownDrainTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void drainsFirstThenWaitsForConnectionsToEnd() throws Exception {
        AtomicBoolean draining = new AtomicBoolean();
        AtomicInteger open = new AtomicInteger(3);
        int left = new ShutdownDrain(clock, () -> draining.set(true), () -> {
            assertThat(draining).isTrue(); // connections are only counted once drain is reported
            return open.getAndDecrement() > 0 ? open.get() + 1 : 0;
        }, Duration.ofSeconds(30)).run();
        assertThat(left).isZero();
        assertThat(open.get()).isLessThanOrEqualTo(0);
    }

    @Test
    void givesUpAfterTheTimeout() throws Exception {
        int left = new ShutdownDrain(clock, () -> {}, () -> {
            clock.advance(Duration.ofSeconds(1)); // each look costs a (fake) second
            return 5;
        }, Duration.ofSeconds(3)).run();
        assertThat(left).isEqualTo(5);
    }

    @Test
    void noConnectionsMeansNoWait() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        new ShutdownDrain(clock, () -> {}, () -> {
            looks.incrementAndGet();
            return 0;
        }, Duration.ofSeconds(30)).run();
        assertThat(looks).hasValue(1);
    }
}
