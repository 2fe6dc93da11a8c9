package io.lvsfeedback.model.agent;

import java.util.List;
import java.util.Map;

/**
 * The agent in one JVM: its current report and the signals behind it, the real-server checks,
 * the settings that are safe to change live, and the operator's actions. Signals that are unknown
 * read as NaN. Registered as {@link #OBJECT_NAME}.
 *
 * <p>JMX naming rule: {@code setWeightOverride(int)} and {@code setMaintenance(String)} are
 * writable attributes ({@code WeightOverride}, {@code Maintenance}), e.g. jmxterm
 * {@code set WeightOverride 50}.
 */
public interface AgentMXBean {
    String OBJECT_NAME = "lvsfeedback:type=Agent";
    /** Notification type: the reported state or its reason changed; user data is the agent-check line. */
    String STATE_CHANGED = "lvsfeedback.agent.state";
    /** Notification type: a real-server network check changed (failed, recovered or repaired). */
    String CHECK_CHANGED = "lvsfeedback.agent.check";

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

    /** Every signal of the last sample by protocol name (docs/PROTOCOL.md). */
    Map<String, Double> getSignals();

    /** ORCA-style capacity: requests/s the JVM could serve at full utilization. */
    double getCapacity();

    /**
     * Utilization behind the capacity (smoothed): mean concurrency / available pool threads, else
     * one pool sample, else process CPU. Usually 0..1.
     */
    double getUtilization();

    double getRequestsPerSecond();

    double getErrorsPerSecond();

    double getInFlight();

    /** Mean requests in service over the last sample interval (Little's law on the request timer). */
    double getConcurrency();

    double getLatencyP50Millis();

    double getLatencyP99Millis();

    double getProcessCpu();

    double getSystemCpu();

    double getLoadAverage();

    double getGcOverhead();

    double getHeapAfterGc();

    double getThreads();

    /** Pool threads running jobs; threads leased to selectors/acceptors are left out when the pool tells them apart. */
    double getPoolBusy();

    /** Pool threads available to jobs (max minus leased, when the pool tells them apart). */
    double getPoolMax();

    double getPoolQueue();

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

    // --- live settings ---

    /** Time constant of the weight smoothing, seconds (0 = none). */
    double getSmoothingSeconds();

    void setSmoothingSeconds(double seconds);

    double getCpuSignalWeight();

    void setCpuSignalWeight(double weight);

    double getGcSignalWeight();

    void setGcSignalWeight(double weight);

    double getHeapSignalWeight();

    void setHeapSignalWeight(double weight);

    double getPoolSignalWeight();

    void setPoolSignalWeight(double weight);

    /** Lowest weight percent suggested while ready. */
    int getMinWeight();

    void setMinWeight(int percent);

    // --- operator actions ---

    /** A fixed weight percent (0..100) instead of the load model's; -1 when none. */
    int getWeightOverride();

    void setWeightOverride(int percent);

    void clearWeightOverride();

    /** The maintenance reason, empty when not in maintenance. */
    String getMaintenance();

    /** Reports {@code maint} with this reason until {@link #resume()}. */
    void setMaintenance(String reason);

    /** Reports {@code drain} (weight 0) until {@link #resume()}. */
    void drain();

    /** Ends an operator's drain or maintenance. */
    void resume();
}
