package io.lvsfeedback.netlink.ipvs;

/** Traffic counters and rate estimates of a service or destination, as the kernel reports them. */
public final class Stats {
    public static final Stats EMPTY = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private final long connections;
    private final long inPackets;
    private final long outPackets;
    private final long inBytes;
    private final long outBytes;
    private final long connectionsPerSecond;
    private final long inPacketsPerSecond;
    private final long outPacketsPerSecond;
    private final long inBytesPerSecond;
    private final long outBytesPerSecond;

    public Stats(long connections, long inPackets, long outPackets, long inBytes, long outBytes,
            long connectionsPerSecond, long inPacketsPerSecond, long outPacketsPerSecond,
            long inBytesPerSecond, long outBytesPerSecond) {
        this.connections = connections;
        this.inPackets = inPackets;
        this.outPackets = outPackets;
        this.inBytes = inBytes;
        this.outBytes = outBytes;
        this.connectionsPerSecond = connectionsPerSecond;
        this.inPacketsPerSecond = inPacketsPerSecond;
        this.outPacketsPerSecond = outPacketsPerSecond;
        this.inBytesPerSecond = inBytesPerSecond;
        this.outBytesPerSecond = outBytesPerSecond;
    }

    public long connections() {
        return connections;
    }

    public long inPackets() {
        return inPackets;
    }

    public long outPackets() {
        return outPackets;
    }

    public long inBytes() {
        return inBytes;
    }

    public long outBytes() {
        return outBytes;
    }

    public long connectionsPerSecond() {
        return connectionsPerSecond;
    }

    public long inPacketsPerSecond() {
        return inPacketsPerSecond;
    }

    public long outPacketsPerSecond() {
        return outPacketsPerSecond;
    }

    public long inBytesPerSecond() {
        return inBytesPerSecond;
    }

    public long outBytesPerSecond() {
        return outBytesPerSecond;
    }

    @Override
    public String toString() {
        return "Stats{conns=" + connections + ", inPkts=" + inPackets + ", outPkts=" + outPackets
                + ", inBytes=" + inBytes + ", outBytes=" + outBytes + ", cps=" + connectionsPerSecond + "}";
    }
}
