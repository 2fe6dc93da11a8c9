package io.lvsfeedback.bridge.engine;

import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A managed virtual service and the states of its destinations, in kernel order. */
public final class ServiceState {
    private final ServiceKey key;
    private volatile String scheduler;
    private final Map<DestinationKey, DestinationState> destinations = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile boolean schedulerWarned;
    private volatile boolean zeroWeightRefuses;
    private volatile boolean refusalWarned;

    ServiceState(ServiceKey key, String scheduler) {
        this.key = key;
        this.scheduler = scheduler;
    }

    public ServiceKey key() {
        return key;
    }

    public String scheduler() {
        return scheduler;
    }

    void scheduler(String s) {
        if (!s.equals(scheduler)) {
            schedulerWarned = false; // a new scheduler deserves its own warning
        }
        scheduler = s;
    }

    /**
     * Whether a destination at weight 0 refuses its share of new connections here (sh or mh
     * without the fallback flag); the status page says so.
     */
    public boolean zeroWeightRefuses() {
        return zeroWeightRefuses;
    }

    /** True when the kernel's setting is newly one that refuses at weight 0: the caller warns once per change. */
    boolean zeroWeightRefuses(boolean refuses) {
        boolean first = refuses && !refusalWarned;
        refusalWarned = refuses;
        zeroWeightRefuses = refuses;
        return first;
    }

    /** True once: the caller warns that the scheduler ignores weights. */
    boolean firstSchedulerWarning() {
        if (schedulerWarned) {
            return false;
        }
        schedulerWarned = true;
        return true;
    }

    Map<DestinationKey, DestinationState> destinationMap() {
        return destinations;
    }

    /** A copy, safe to iterate from any thread. */
    public Collection<DestinationState> destinations() {
        synchronized (destinations) {
            return java.util.List.copyOf(destinations.values());
        }
    }

    public DestinationState destination(DestinationKey key) {
        return destinations.get(key);
    }
}
