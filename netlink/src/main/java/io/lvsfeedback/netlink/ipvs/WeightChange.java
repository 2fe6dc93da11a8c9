package io.lvsfeedback.netlink.ipvs;

import java.util.Objects;

/** One weight to write: the service, the destination as last read (its other settings are kept), the new weight. */
public final class WeightChange {
    private final Service service;
    private final Destination current;
    private final int newWeight;

    public WeightChange(Service service, Destination current, int newWeight) {
        this.service = Objects.requireNonNull(service, "service");
        this.current = Objects.requireNonNull(current, "current destination");
        if (newWeight < 0) {
            throw new IllegalArgumentException("weight " + newWeight + " for " + current.endpoint()
                    + " is negative; must be 0..2147483647");
        }
        this.newWeight = newWeight;
    }

    public Service service() {
        return service;
    }

    public Destination current() {
        return current;
    }

    public int newWeight() {
        return newWeight;
    }

    @Override
    public String toString() {
        return service + " " + AddressLiterals.format(current.address(), current.port()) + " weight "
                + current.weight() + " -> " + newWeight;
    }
}
