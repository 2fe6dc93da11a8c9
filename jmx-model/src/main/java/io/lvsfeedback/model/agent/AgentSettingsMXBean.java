package io.lvsfeedback.model.agent;

import io.lvsfeedback.model.jmx.JmxNames;
import javax.management.ObjectName;

/**
 * The agent's settings that are safe to change live; a change applies from the next sample and
 * lasts until the JVM restarts. A bad value is refused with a message naming the attribute, and
 * nothing changes. Registered as {@link #objectName(String)}, beside its {@link AgentMXBean}.
 */
public interface AgentSettingsMXBean {
    String TYPE = "lvsfeedback:type=AgentSettings";

    /** {@code lvsfeedback:type=AgentSettings,name=port-3333}: the same name as its agent's. */
    static ObjectName objectName(String name) {
        return JmxNames.of(TYPE, "name", name);
    }

    /** Time constant of the weight smoothing, seconds (0 = none); setting {@code smoothing}. */
    double getSmoothingSeconds();

    void setSmoothingSeconds(double seconds);

    /** An idle server's capacity is forgotten after this long without a completed request, seconds (0 = never); setting {@code capacity-expiry}. */
    double getCapacityExpirySeconds();

    void setCapacityExpirySeconds(double seconds);

    /** How much the CPU pressure counts, 0..1; setting {@code weight.cpu}. */
    double getCpuSignalWeight();

    void setCpuSignalWeight(double weight);

    double getGcSignalWeight();

    void setGcSignalWeight(double weight);

    double getHeapSignalWeight();

    void setHeapSignalWeight(double weight);

    double getPoolSignalWeight();

    void setPoolSignalWeight(double weight);

    /** Lowest weight percent suggested while ready; setting {@code min-weight}. */
    int getMinWeight();

    void setMinWeight(int percent);
}
