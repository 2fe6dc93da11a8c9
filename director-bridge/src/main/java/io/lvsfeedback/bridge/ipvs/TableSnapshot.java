package io.lvsfeedback.bridge.ipvs;

import java.util.List;

/** One read of the IPVS table: services in kernel order. */
public record TableSnapshot(List<ServiceEntry> services) {
    public TableSnapshot {
        services = List.copyOf(services);
    }
}
