package io.lvsfeedback.model.agent;

import java.util.List;
import java.util.Map;
import io.lvsfeedback.model.jmx.JmxNames;
import javax.management.ObjectName;

/**
 * The agent in one JVM: its current report with the signals behind it, the real-server checks,
 * and the operator's actions. The settings that are safe to change live are a bean of their own
 * ({@link AgentSettingsMXBean}). Registered as {@link #objectName(String)}.
 *
 * <p>JMX naming rule: {@code setWeightOverride(int)} and {@code setMaintenance(String)} are
 * writable attributes ({@code WeightOverride}, {@code Maintenance}), e.g. jmxterm
 * {@code set WeightOverride 50}.
 */
public interface AgentMXBean {
    String TYPE = "lvsfeedback:type=Agent";
    /** Notification type: the reported state or its reason changed; user data is the agent-check line. */
    String STATE_CHANGED = "lvsfeedback.agent.state";
    /** Notification type: a real-server network check changed (failed, recovered or repaired). */
    String CHECK_CHANGED = "lvsfeedback.agent.check";

    /** {@code lvsfeedback:type=Agent,name=port-3333}; the name is the agent's {@code jmx-name}. */
    static ObjectName objectName(String name) {
        return JmxNames.of(TYPE, "name", name);
    }

    // --- the report ---

    /** {@code ready}, {@code drain}, {@code maint} or {@code down}. */
    String getState();

    /** Why the state; empty when ready. */
    String getReason();

    /** Suggested weight in percent of the operator's weight (0 unless ready). */
    int getWeightPercent();

    /** The line a HAProxy agent-check client gets right now, e.g. {@code 75% ready}. */
    String getAgentCheckLine();

    /** The whole current report as text (the LVSFB/1 pairs, unsigned). */
    String getReport();

    /** Report counter since the agent started. */
    long getReportSequence();

    /**
     * The signals of the last sample by protocol name (docs/PROTOCOL.md), e.g. {@code capacity},
     * {@code util}, {@code cpu_process}. A signal this JVM cannot measure is absent, not NaN.
     */
    Map<String, Double> getSignals();

    /** Listening TCP ports of this JVM (the application's). */
    List<Integer> getApplicationPorts();

    /** The feedback port actually bound. */
    int getFeedbackPort();

    // --- real-server network and dependencies ---

    /** {@code configure}, {@code verify} or {@code off}. */
    String getNetworkMode();

    /** The last result of every real-server network check. */
    List<CheckView> getNetworkChecks();

    /** True when every network check passed (or there are none). */
    boolean isNetworkOk();

    /** Declared dependency checks, e.g. {@code /mnt/shared: OK}. */
    List<String> getDependencyChecks();

    // --- operator actions ---

    /** A fixed weight percent (0..100) instead of the load model's; -1 when none. */
    int getWeightOverride();

    void setWeightOverride(int percent);

    void clearWeightOverride();

    /** The maintenance reason, empty when not in maintenance. */
    String getMaintenance();

    /**
     * The idle probe (agent setting {@code idle-probe}): {@code off}, or its URL with the probes sent
     * and failed, and the last failure's reason.
     */
    String getIdleProbe();

    /** Reports {@code maint} with this reason until {@link #resume()}. */
    void setMaintenance(String reason);

    /** Reports {@code drain} (weight 0) until {@link #resume()}. */
    void drain();

    /** Ends an operator's drain or maintenance. */
    void resume();
}
