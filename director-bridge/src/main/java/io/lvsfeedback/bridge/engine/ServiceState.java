package io.lvsfeedback.bridge.engine;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A managed virtual service and the states of its destinations, in kernel order. */
public final class ServiceState {
    private final String key;
    private volatile String scheduler;
    private final Map<String, DestinationState> destinations = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile boolean schedulerWarned;

    ServiceState(String key, String scheduler) {
        this.key = key;
        this.scheduler = scheduler;
    }

    public String key() {
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

    /** True once: the caller warns that the scheduler ignores weights. */
    boolean firstSchedulerWarning() {
        if (schedulerWarned) {
            return false;
        }
        schedulerWarned = true;
        return true;
    }

    Map<String, DestinationState> destinationMap() {
        return destinations;
    }

    /** A copy, safe to iterate from any thread. */
    public Collection<DestinationState> destinations() {
        synchronized (destinations) {
            return java.util.List.copyOf(destinations.values());
        }
    }

    public DestinationState destination(String key) {
        return destinations.get(key);
    }
}
