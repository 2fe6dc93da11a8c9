package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lvsfeedback.agent.testing.FakeClock;
import io.lvsfeedback.model.protocol.Signals;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class GcSignalsTest {
    private final FakeClock clock = new FakeClock();

    private static double read(LoadSignal s, String name) {
        Map<String, Double> out = new HashMap<>();
        s.sample(out);
        return out.get(name);
    }

    @Test
    void overheadIsPauseShareOfTheWindow() {
        GcOverheadSignal gc = new GcOverheadSignal(clock, Duration.ofSeconds(10), false);
        clock.advance(Duration.ofSeconds(10));
        gc.recordPause(Duration.ofMillis(500));
        assertThat(read(gc, Signals.GC_OVERHEAD)).isCloseTo(0.05, within(1e-9));
        clock.advance(Duration.ofSeconds(5));
        gc.recordPause(Duration.ofMillis(1000));
        assertThat(read(gc, Signals.GC_OVERHEAD)).isCloseTo(0.15, within(1e-9));
        clock.advance(Duration.ofSeconds(6)); // the first pause left the window
        assertThat(read(gc, Signals.GC_OVERHEAD)).isCloseTo(0.10, within(1e-9));
    }

    @Test
    void beforeAFullWindowTheShareIsOverTheTimeSoFar() {
        GcOverheadSignal gc = new GcOverheadSignal(clock, Duration.ofSeconds(60), false);
        clock.advance(Duration.ofSeconds(2));
        gc.recordPause(Duration.ofMillis(200));
        assertThat(read(gc, Signals.GC_OVERHEAD)).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void realGcNotificationsAreCounted() {
        try (GcOverheadSignal gc = new GcOverheadSignal(io.lvsfeedback.agent.util.AgentClock.SYSTEM, Duration.ofSeconds(60));
                HeapAfterGcSignal heap = new HeapAfterGcSignal()) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                System.gc();
                assertThat(read(heap, Signals.HEAP_AFTER_GC)).isBetween(0.0, 1.0);
                assertThat(read(gc, Signals.GC_OVERHEAD)).isGreaterThan(0.0);
            });
        }
    }

    @Test
    void longLivedPoolNames() {
        assertThat(HeapAfterGcSignal.isLongLived("G1 Old Gen")).isTrue();
        assertThat(HeapAfterGcSignal.isLongLived("PS Old Gen")).isTrue();
        assertThat(HeapAfterGcSignal.isLongLived("Tenured Gen")).isTrue();
        assertThat(HeapAfterGcSignal.isLongLived("ZHeap")).isTrue();
        assertThat(HeapAfterGcSignal.isLongLived("G1 Eden Space")).isFalse();
        assertThat(HeapAfterGcSignal.isLongLived("G1 Survivor Space")).isFalse();
    }
}
