package io.lvsfeedback.bridge.engine;

/**
 * What one cycle did, for counters and logs.
 *
 * @param readNanos     IPVS table read time, -1 when the read failed
 * @param writeNanos    IPVS batch write time, 0 when nothing was written
 * @param pollLatencies per-agent latency of this cycle's polls, nanoseconds
 */
public record CycleStats(int services, int destinations, int polls, int pollFailures, long[] pollLatencies,
                         int changes, int writes, int writeFailures, long readNanos, long writeNanos,
                         long cycleNanos, boolean readFailed) {
}
