package io.lvsfeedback.model.bridge;

import java.util.List;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** One managed IPVS virtual service. Registered as {@link #objectName(String)}. */
public interface ServiceMXBean {
    String TYPE = "lvsfeedback:type=Service";

    /** {@code lvsfeedback:type=Service,name="tcp:10.0.0.10:80"}. */
    static ObjectName objectName(String serviceKey) {
        try {
            return new ObjectName(TYPE + ",name=" + ObjectName.quote(serviceKey));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("bad service key " + serviceKey, e);
        }
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
