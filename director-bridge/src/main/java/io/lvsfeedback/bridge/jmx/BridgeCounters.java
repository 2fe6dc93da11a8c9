package io.lvsfeedback.bridge.jmx;

import io.lvsfeedback.bridge.engine.CycleStats;
import io.lvsfeedback.bridge.engine.EngineListener;
import java.util.concurrent.atomic.AtomicLong;

/** Totals since start, summed from each cycle's stats. */
public final class BridgeCounters implements EngineListener {
    final AtomicLong polls = new AtomicLong();
    final AtomicLong pollFailures = new AtomicLong();
    final AtomicLong writes = new AtomicLong();
    final AtomicLong writeFailures = new AtomicLong();
    final AtomicLong readFailures = new AtomicLong();
    volatile boolean lastReadFailed;
    volatile long lastCycleNanos;

    @Override
    public void cycleDone(CycleStats s) {
        polls.addAndGet(s.polls());
        pollFailures.addAndGet(s.pollFailures());
        writes.addAndGet(s.writes());
        writeFailures.addAndGet(s.writeFailures());
        if (s.readFailed()) {
            readFailures.incrementAndGet();
        }
        lastReadFailed = s.readFailed();
        lastCycleNanos = s.cycleNanos();
    }
}
