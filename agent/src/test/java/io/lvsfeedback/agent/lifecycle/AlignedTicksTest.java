package io.lvsfeedback.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.agent.util.AgentClock;
import org.junit.jupiter.api.Test;

class AlignedTicksTest {
    private long wall;
    private final AgentClock clock = new AgentClock() {
        @Override
        public long nanoTime() {
            return wall * 1_000_000;
        }

        @Override
        public long wallMillis() {
            return wall;
        }
    };

    @Test
    void ticksFallOnWallClockBoundaries() {
        AlignedTicks ticks = new AlignedTicks(500, clock);
        wall = 1_700_000_000_123L;
        long next = ticks.nextBoundary();
        assertThat(next).isEqualTo(1_700_000_000_500L);
        assertThat(ticks.delayUntil(next)).isEqualTo(377);
        wall = next + 3; // the tick ran a little late
        assertThat(ticks.nextBoundary()).isEqualTo(1_700_000_001_000L);
    }

    @Test
    void aClockSteppedBackALittleRepeatsNoEpoch() {
        AlignedTicks ticks = new AlignedTicks(1000, clock);
        wall = 10_000_200;
        assertThat(ticks.nextBoundary()).isEqualTo(10_001_000);
        wall = 9_999_500; // stepped back 1.5 s after that tick
        long next = ticks.nextBoundary();
        assertThat(next).isEqualTo(10_002_000);
        assertThat(ticks.delayUntil(next)).isEqualTo(2000);
    }

    @Test
    void aClockSteppedBackFarFollowsTheNewClockAtOnce() {
        AlignedTicks ticks = new AlignedTicks(1000, clock);
        wall = 10_000_200;
        ticks.nextBoundary();
        wall = 9_000_000; // NTP stepped the clock back by 1000 s
        long next = ticks.nextBoundary();
        assertThat(next).isEqualTo(9_001_000);
        assertThat(ticks.delayUntil(next)).isEqualTo(1000);
    }

    @Test
    void aClockSteppedForwardTicksAtOnce() {
        AlignedTicks ticks = new AlignedTicks(1000, clock);
        wall = 5_000;
        long next = ticks.nextBoundary();
        wall = 50_000;
        assertThat(ticks.delayUntil(next)).isZero();
        assertThat(ticks.nextBoundary()).isEqualTo(51_000);
    }
}
