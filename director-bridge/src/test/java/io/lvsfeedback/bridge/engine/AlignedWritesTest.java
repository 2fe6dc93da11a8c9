package io.lvsfeedback.bridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code write-delay}: every director writes a cycle's weights at the same wall-clock moment (the
 * cycle's instant plus the delay), so two kernels never show different weights for longer than
 * their clocks differ, however long each one's read and polls took (issue 14).
 */
class AlignedWritesTest {
    static final String WEB = BridgeEngineTest.WEB;
    /** A wall-clock multiple of 1 s; with 500 ms agent samples the cycles' instants are 200 ms past it. */
    static final long SECOND = 1_796_000_000_000L;
    static final long INSTANT = SECOND + 200;

    final FakeIpvsTable table = new FakeIpvsTable().service(WEB, "wrr")
            .dest(WEB, "10.0.0.1:80", 100).dest(WEB, "10.0.0.2:80", 100);
    final FakePoller poller = new FakePoller();
    final SteppedWall wall = new SteppedWall();
    final List<Long> writtenAt = new ArrayList<>();

    /** A wall clock that jumps to whatever moment the engine sleeps until, and remembers each. */
    static final class SteppedWall implements WallClock {
        long now;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long millis() {
            return now;
        }

        @Override
        public void sleepUntil(long wallMillis) {
            sleeps.add(wallMillis);
            now = Math.max(now, wallMillis);
        }
    }

    AlignedWritesTest() {
        table.beforeWrite = () -> writtenAt.add(wall.now);
        poller.reports.put("10.0.0.1:3333", BridgeEngineTest.capacity(100));
        poller.reports.put("10.0.0.2:3333", FeedbackReport.builder().state(AdminState.DRAIN).weightPercent(0)
                .ports(List.of(80)).build());
    }

    BridgeEngine engine(String writeDelay) {
        BridgeConfig cfg = BridgeEngineTest.config("state-file", "none", "poll-interval", "1s", "poll-timeout", "400ms",
                "agent-sample-interval", "500ms", "write-delay", writeDelay); // agents sampling every 500 ms
        return new BridgeEngine(table, poller, new ManualClock(), wall, cfg);
    }

    @Test
    void theBatchGoesOutAtTheCyclesInstantPlusTheDelayNotWhenThePollsEnd() {
        wall.now = INSTANT + 35; // the cycle woke 35 ms late
        CycleStats stats = engine("600ms").cycle();
        assertThat(poller.lastAt).as("the instant names the agents' sample").isEqualTo(INSTANT);
        assertThat(wall.sleeps).containsExactly(INSTANT + 600);
        assertThat(writtenAt).containsExactly(INSTANT + 600);
        assertThat(table.weight(WEB, "10.0.0.2:80")).as("the drain written").isZero();
        assertThat(stats.writeLateMillis()).isZero();
    }

    @Test
    void aCycleThatOverranItsMomentWritesAtOnceAndSaysHowLate() {
        wall.now = INSTANT + 750; // read and polls took longer than the delay
        CycleStats stats = engine("600ms").cycle();
        assertThat(wall.sleeps).isEmpty();
        assertThat(writtenAt).containsExactly(INSTANT + 750);
        assertThat(stats.writeLateMillis()).isEqualTo(150);
    }

    @Test
    void aClockSteppedBackDuringTheCycleDelaysTheBatchByNoMoreThanTheDelay() {
        wall.now = INSTANT + 35;
        table.afterRead = () -> wall.now -= 3_600_000; // NTP steps the clock back an hour while the bridge polls
        CycleStats stats = engine("600ms").cycle();
        long steppedNow = INSTANT + 35 - 3_600_000;
        assertThat(wall.sleeps).containsExactly(steppedNow + 600);
        assertThat(writtenAt).containsExactly(steppedNow + 600);
        assertThat(stats.writeLateMillis()).isZero();
    }

    @Test
    void withoutADelayTheBatchGoesOutAsSoonAsDecided() {
        wall.now = INSTANT + 35;
        CycleStats stats = engine("0ms").cycle();
        assertThat(wall.sleeps).isEmpty();
        assertThat(writtenAt).containsExactly(INSTANT + 35);
        assertThat(stats.writeLateMillis()).isZero();
    }

    @Test
    void aCycleWithNothingToWriteDoesNotWait() {
        wall.now = INSTANT + 35;
        BridgeEngine e = engine("600ms");
        e.cycle();
        wall.now = INSTANT + 1000 + 35;
        wall.sleeps.clear();
        e.cycle(); // same reports: no change
        assertThat(wall.sleeps).isEmpty();
        assertThat(writtenAt).hasSize(1);
    }
}
