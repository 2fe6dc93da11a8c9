package io.lvsfeedback.bridge.engine;

/**
 * What one cycle did, for counters and logs. Built with {@link #builder()}; a field not set is 0
 * ({@code readNanos}: -1).
 */
public final class CycleStats {
    private static final long[] NONE = new long[0];

    private final int services;
    private final int destinations;
    private final int polls;
    private final int pollFailures;
    private final long[] pollLatencies;
    private final int changes;
    private final int writes;
    private final int writeFailures;
    private final long readNanos;
    private final long writeNanos;
    private final long cycleNanos;
    private final long writeLateMillis;
    private final boolean readFailed;

    private CycleStats(Builder b) {
        services = b.services;
        destinations = b.destinations;
        polls = b.polls;
        pollFailures = b.pollFailures;
        pollLatencies = b.pollLatencies;
        changes = b.changes;
        writes = b.writes;
        writeFailures = b.writeFailures;
        readNanos = b.readNanos;
        writeNanos = b.writeNanos;
        cycleNanos = b.cycleNanos;
        writeLateMillis = b.writeLateMillis;
        readFailed = b.readFailed;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int services() {
        return services;
    }

    public int destinations() {
        return destinations;
    }

    /** Agents polled. */
    public int polls() {
        return polls;
    }

    public int pollFailures() {
        return pollFailures;
    }

    /** Per-agent latency of this cycle's polls, nanoseconds; shared, do not modify. */
    public long[] pollLatencies() {
        return pollLatencies;
    }

    /** Weights the policy changed, written or not (dry run, paused). */
    public int changes() {
        return changes;
    }

    /** Weights written to the kernel. */
    public int writes() {
        return writes;
    }

    public int writeFailures() {
        return writeFailures;
    }

    /** IPVS table read time, -1 when the read failed. */
    public long readNanos() {
        return readNanos;
    }

    /** IPVS batch write time, 0 when nothing was written. */
    public long writeNanos() {
        return writeNanos;
    }

    /**
     * With {@code write-delay}: how late the write batch went out after its aligned moment (the
     * directors' tables differed that long); 0 when on time, not aligned, or nothing was written.
     */
    public long writeLateMillis() {
        return writeLateMillis;
    }

    public long cycleNanos() {
        return cycleNanos;
    }

    /** The IPVS table could not be read: the cycle did nothing else. */
    public boolean readFailed() {
        return readFailed;
    }

    @Override
    public String toString() {
        return "cycle: " + services + " services, " + destinations + " destinations, " + polls + " polls ("
                + pollFailures + " failed), " + changes + " changes, " + writes + " written (" + writeFailures
                + " failed)" + (readFailed ? ", READ FAILED" : "");
    }

    /** Collects a cycle's figures phase by phase. */
    public static final class Builder {
        private int services;
        private int destinations;
        private int polls;
        private int pollFailures;
        private long[] pollLatencies = NONE;
        private int changes;
        private int writes;
        private int writeFailures;
        private long readNanos = -1;
        private long writeNanos;
        private long cycleNanos;
        private long writeLateMillis;
        private boolean readFailed;

        private Builder() {}

        public Builder services(int count) {
            services = count;
            return this;
        }

        public Builder destinations(int count) {
            destinations = count;
            return this;
        }

        public Builder polls(int count, int failures, long[] latencies) {
            polls = count;
            pollFailures = failures;
            pollLatencies = latencies;
            return this;
        }

        public Builder changes(int count) {
            changes = count;
            return this;
        }

        public Builder writes(int written, int failures, long nanos) {
            writes = written;
            writeFailures = failures;
            writeNanos = nanos;
            return this;
        }

        public Builder readNanos(long nanos) {
            readNanos = nanos;
            return this;
        }

        /** The read failed: {@code readNanos} is -1. */
        public Builder readFailed() {
            readFailed = true;
            readNanos = -1;
            return this;
        }

        public Builder writeLateMillis(long millis) {
            writeLateMillis = millis;
            return this;
        }

        public Builder cycleNanos(long nanos) {
            cycleNanos = nanos;
            return this;
        }

        public CycleStats build() {
            return new CycleStats(this);
        }
    }
}
