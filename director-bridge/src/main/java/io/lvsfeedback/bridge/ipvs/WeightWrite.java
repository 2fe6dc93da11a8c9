package io.lvsfeedback.bridge.ipvs;

import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.util.Objects;

/** One weight to set: {@code destination} of {@code service}. */
public record WeightWrite(ServiceKey service, DestinationKey destination, int weight) {
    public WeightWrite {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(destination, "destination");
        if (weight < 0) {
            throw new IllegalArgumentException("weight must be >= 0, got " + weight);
        }
    }

    public ServiceDestination target() {
        return new ServiceDestination(service, destination);
    }
}
