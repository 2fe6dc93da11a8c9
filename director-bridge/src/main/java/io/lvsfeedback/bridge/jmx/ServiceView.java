package io.lvsfeedback.bridge.jmx;

import io.lvsfeedback.bridge.engine.DestinationState;
import io.lvsfeedback.bridge.engine.ServiceState;
import io.lvsfeedback.bridge.ipvs.ServiceEntry;
import io.lvsfeedback.model.bridge.ServiceMXBean;
import java.util.List;

/** {@link ServiceMXBean} over a service's state. */
final class ServiceView implements ServiceMXBean {
    private final ServiceState service;

    ServiceView(ServiceState service) {
        this.service = service;
    }

    @Override
    public String getKey() {
        return service.key().toString();
    }

    @Override
    public String getScheduler() {
        return service.scheduler();
    }

    @Override
    public boolean isSchedulerIgnoringWeights() {
        return ServiceEntry.ignoresWeights(service.scheduler());
    }

    @Override
    public List<String> getDestinations() {
        return service.destinations().stream().map(d -> d.key().toString()).toList();
    }

    @Override
    public int getServingCount() {
        return (int) service.destinations().stream().filter(d -> d.kernelWeight() > 0).count();
    }

    @Override
    public long getTotalWeight() {
        return service.destinations().stream().mapToLong(DestinationState::kernelWeight).sum();
    }
}
