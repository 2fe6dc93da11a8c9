package io.lvsfeedback.bridge.ipvs;

import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.util.Objects;

/** One destination of one service: the same real server in two services is two of these. */
public record ServiceDestination(ServiceKey service, DestinationKey destination) {
    public ServiceDestination {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(destination, "destination");
    }

    /** {@code tcp:10.0.0.10:80 10.0.0.2:80}, the form of logs and the state file. */
    @Override
    public String toString() {
        return service + " " + destination;
    }
}
