package io.lvsfeedback.netlink.ipvs;

import io.lvsfeedback.netlink.NetlinkException;

/** The outcome of one {@link WeightChange} in a batch: success, or the exception it would have thrown. */
public final class WeightResult {
    private final WeightChange change;
    private final NetlinkException error;

    public WeightResult(WeightChange change, NetlinkException error) {
        this.change = change;
        this.error = error;
    }

    public WeightChange change() {
        return change;
    }

    public boolean succeeded() {
        return error == null;
    }

    /** The failure, or null on success. */
    public NetlinkException error() {
        return error;
    }

    @Override
    public String toString() {
        return change + (error == null ? " ok" : " failed: " + error.getMessage());
    }
}
