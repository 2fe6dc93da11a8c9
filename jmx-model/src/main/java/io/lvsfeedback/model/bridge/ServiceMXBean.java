package io.lvsfeedback.model.bridge;

import io.lvsfeedback.model.jmx.JmxNames;
import java.util.List;
import javax.management.ObjectName;

/** One managed IPVS virtual service. Registered as {@link #objectName(String, String)}. */
public interface ServiceMXBean {
    String TYPE = "lvsfeedback:type=Service";

    /** {@code lvsfeedback:type=Service,bridge=bridge,name="tcp:10.0.0.10:80"}. */
    static ObjectName objectName(String bridgeName, String serviceKey) {
        return JmxNames.of(TYPE, "bridge", bridgeName, "name", serviceKey);
    }

    /** {@code tcp:10.0.0.10:80}, {@code fwm:5}. */
    String getKey();

    /** The kernel's scheduler name. */
    String getScheduler();

    /** True for rr, lc, dh: only weight 0 matters there, so dynamic weights do nothing. */
    boolean isSchedulerIgnoringWeights();

    /** {@code RIP:PORT} of each destination, in kernel order. */
    List<String> getDestinations();

    /** Destinations with a non-zero weight in the kernel. */
    int getServingCount();

    /** Sum of the kernel's weights. */
    long getTotalWeight();
}
