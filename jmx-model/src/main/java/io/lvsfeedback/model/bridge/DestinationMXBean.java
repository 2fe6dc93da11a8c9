package io.lvsfeedback.model.bridge;

import io.lvsfeedback.model.jmx.JmxNames;
import java.util.Map;
import javax.management.ObjectName;

/**
 * One destination (real server) of one service: what its agent reported, the weights (base,
 * target, applied) and why, and the operator's controls. Registered as
 * {@link #objectName(String, String, String)}; sends JMX notifications of the types below.
 *
 * <p>JMX naming rule: {@code getWeightOverride}/{@code setWeightOverride} form the writable
 * attribute {@code WeightOverride} (jmxterm: {@code set WeightOverride 5}); -1 means none.
 */
public interface DestinationMXBean {
    String TYPE = "lvsfeedback:type=Destination";
    /** Notification: reports stopped (stale): back to the base weight. */
    String STALE = "lvsfeedback.destination.stale";
    /** Notification: the agent asked for 0 (drain, maint or down). */
    String DRAIN = "lvsfeedback.destination.drain";
    /** Notification: an operator override took effect. */
    String OVERRIDE = "lvsfeedback.destination.override";

    /** {@code lvsfeedback:type=Destination,bridge=bridge,service="tcp:10.0.0.10:80",name="10.0.0.2:80"}. */
    static ObjectName objectName(String bridgeName, String serviceKey, String destinationKey) {
        return JmxNames.of(TYPE, "bridge", bridgeName, "service", serviceKey,
                "name", destinationKey);
    }

    String getService();

    /** {@code RIP:PORT}. */
    String getAddress();

    /** The agent polled for it ({@code RIP:agent-port}); empty when none answered for its port. */
    String getAgent();

    // --- the report ---

    /** The agent's state ({@code ready}, {@code drain}, ...), {@code unknown} before the first report. */
    String getAgentState();

    String getAgentReason();

    /** The agent's suggested weight percent; -1 before the first report. */
    int getSuggestedWeightPercent();

    /** ORCA-style capacity, NaN when not reported. */
    double getCapacity();

    double getUtilization();

    double getRequestsPerSecond();

    /** Every signal of the last report. */
    Map<String, Double> getSignals();

    /**
     * Where the agent took its request and pool signals from, as its report's {@code source}
     * (e.g. {@code requests:micrometer,pool:tomcat}); empty before the first report or from older agents.
     */
    String getSource();

    /** The last report's HMAC was checked. */
    boolean isAuthenticated();

    /** Milliseconds since the last good report; -1 when none came. */
    long getLastReportAgeMillis();

    /** Why the last poll failed; empty after a good one. */
    String getLastPollError();

    // --- weights ---

    /** The operator's weight the policy scales around. */
    int getBaseWeight();

    /** What the policy aims for, before rise limit and dead band. */
    int getTargetWeight();

    /** What the kernel has now. */
    int getAppliedWeight();

    /** Why the weight is what it is, as a sentence. */
    String getReason();

    /** {@code LOAD}, {@code STALE}, {@code AGENT_ZERO}, {@code GUARD}, {@code OVERRIDE}, {@code FROZEN}, {@code QUIESCED}. */
    String getCause();

    /** The last weight the bridge wrote, with its reason: {@code "100 -> 150: ..."}. */
    String getLastChange();

    /** Milliseconds since the last change; -1 when the bridge never wrote this one. */
    long getLastChangeAgeMillis();

    /** Another party wrote 0; the bridge leaves it at 0 until it writes a weight again. */
    boolean isQuiesced();

    // --- operator controls ---

    /** The forced weight, -1 when none. */
    int getWeightOverride();

    /** Forces a weight (0 allowed); written at once, no rise limit. Also lifts a quiesce. */
    void setWeightOverride(int weight);

    void clearWeightOverride();

    boolean isFrozen();

    /** Keeps the kernel's current weight: the bridge writes nothing for this destination. */
    void freeze();

    void unfreeze();
}
