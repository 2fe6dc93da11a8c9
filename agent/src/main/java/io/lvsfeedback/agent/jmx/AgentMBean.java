package io.lvsfeedback.agent.jmx;

import io.lvsfeedback.agent.config.SettingRanges;
import io.lvsfeedback.agent.report.AdminControl;
import io.lvsfeedback.agent.report.Reporter;
import io.lvsfeedback.agent.report.Tunables;
import io.lvsfeedback.agent.signal.PathCheck;
import io.lvsfeedback.model.agent.AgentMXBean;
import io.lvsfeedback.model.agent.CheckView;
import io.lvsfeedback.model.protocol.AgentCheckLine;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;

/**
 * The agent's MXBean: reads the reporter's current report, forwards operator actions to
 * {@link AdminControl}, validates live settings before changing anything, and emits a notification
 * for every state or check change.
 */
public final class AgentMBean extends NotificationBroadcasterSupport implements AgentMXBean {
    private final Reporter reporter;
    private final IntSupplier feedbackPort;
    private final String networkMode;
    private final Supplier<List<CheckView>> networkChecks;
    private final List<PathCheck> dependencies;
    private final AtomicLong notificationSequence = new AtomicLong();

    public AgentMBean(Reporter reporter, IntSupplier feedbackPort, String networkMode,
            Supplier<List<CheckView>> networkChecks, List<PathCheck> dependencies) {
        super(new MBeanNotificationInfo[] {
            new MBeanNotificationInfo(new String[] {STATE_CHANGED}, Notification.class.getName(),
                    "The reported state or its reason changed"),
            new MBeanNotificationInfo(new String[] {CHECK_CHANGED}, Notification.class.getName(),
                    "A real-server network check changed")
        });
        this.reporter = reporter;
        this.feedbackPort = feedbackPort;
        this.networkMode = networkMode;
        this.networkChecks = networkChecks;
        this.dependencies = dependencies;
        reporter.addStateListener((before, after) -> notify(STATE_CHANGED,
                "state " + before.state().word() + " -> " + after.state().word()
                        + (after.reason().isEmpty() ? "" : " (" + after.reason() + ")"),
                AgentCheckLine.format(after).trim()));
    }

    /** Emits a {@link #CHECK_CHANGED} notification (called by the real-server wiring). */
    public void checkChanged(String message) {
        notify(CHECK_CHANGED, message, message);
    }

    private void notify(String type, String message, String userData) {
        Notification n = new Notification(type, OBJECT_NAME, notificationSequence.incrementAndGet(), message);
        n.setUserData(userData);
        sendNotification(n);
    }

    private FeedbackReport report() {
        return reporter.current();
    }

    private double signal(String name) {
        Double v = reporter.lastSignals().get(name);
        return v == null ? Double.NaN : v;
    }

    @Override
    public String getState() {
        return report().state().word();
    }

    @Override
    public String getReason() {
        return report().reason();
    }

    @Override
    public int getWeightPercent() {
        return report().weightPercent();
    }

    @Override
    public String getAgentCheckLine() {
        return AgentCheckLine.format(report()).trim();
    }

    @Override
    public String getReport() {
        FeedbackReport r = report();
        StringBuilder b = new StringBuilder("state=").append(r.state().word());
        if (!r.reason().isEmpty()) {
            b.append(" reason=").append(r.reason().replace(' ', '_'));
        }
        b.append(" weight=").append(r.weightPercent());
        r.signals().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        if (!r.ports().isEmpty()) {
            b.append(" ports=").append(r.ports());
        }
        if (!r.source().isEmpty()) {
            b.append(" source=").append(r.source());
        }
        return b.append(" seq=").append(r.sequence()).toString();
    }

    @Override
    public long getReportSequence() {
        return report().sequence();
    }

    @Override
    public Map<String, Double> getSignals() {
        return new LinkedHashMap<>(reporter.lastSignals());
    }

    @Override
    public double getCapacity() {
        return signal(Signals.CAPACITY);
    }

    @Override
    public double getUtilization() {
        return signal(Signals.UTILIZATION);
    }

    @Override
    public double getConcurrency() {
        return signal(Signals.CONCURRENCY);
    }

    @Override
    public double getRequestsPerSecond() {
        return signal(Signals.REQUESTS_PER_SECOND);
    }

    @Override
    public double getErrorsPerSecond() {
        return signal(Signals.ERRORS_PER_SECOND);
    }

    @Override
    public double getInFlight() {
        return signal(Signals.IN_FLIGHT);
    }

    @Override
    public double getLatencyP50Millis() {
        return signal(Signals.LATENCY_P50_MS);
    }

    @Override
    public double getLatencyP99Millis() {
        return signal(Signals.LATENCY_P99_MS);
    }

    @Override
    public double getProcessCpu() {
        return signal(Signals.CPU_PROCESS);
    }

    @Override
    public double getSystemCpu() {
        return signal(Signals.CPU_SYSTEM);
    }

    @Override
    public double getLoadAverage() {
        return signal(Signals.LOAD_AVERAGE_1M);
    }

    @Override
    public double getGcOverhead() {
        return signal(Signals.GC_OVERHEAD);
    }

    @Override
    public double getHeapAfterGc() {
        return signal(Signals.HEAP_AFTER_GC);
    }

    @Override
    public double getThreads() {
        return signal(Signals.THREADS);
    }

    @Override
    public double getPoolBusy() {
        return signal(Signals.POOL_BUSY);
    }

    @Override
    public double getPoolMax() {
        return signal(Signals.POOL_MAX);
    }

    @Override
    public double getPoolQueue() {
        return signal(Signals.POOL_QUEUE);
    }

    @Override
    public List<Integer> getApplicationPorts() {
        return new ArrayList<>(report().ports());
    }

    @Override
    public int getFeedbackPort() {
        return feedbackPort.getAsInt();
    }

    @Override
    public String getNetworkMode() {
        return networkMode;
    }

    @Override
    public List<CheckView> getNetworkChecks() {
        return new ArrayList<>(networkChecks.get());
    }

    @Override
    public boolean isNetworkOk() {
        return networkChecks.get().stream().allMatch(CheckView::isOk);
    }

    @Override
    public List<String> getDependencyChecks() {
        List<String> out = new ArrayList<>();
        for (PathCheck c : dependencies) {
            out.add(c.path() + ": " + c.status() + " (" + c.detail() + ")");
        }
        return out;
    }

    @Override
    public double getSmoothingSeconds() {
        return reporter.tunables().smoothing().toMillis() / 1000.0;
    }

    @Override
    public void setSmoothingSeconds(double seconds) {
        Duration smoothing = SettingRanges.SMOOTHING.ofSeconds("SmoothingSeconds", seconds);
        reporter.tunables(reporter.tunables().withSmoothing(smoothing));
    }

    @Override
    public double getCpuSignalWeight() {
        return reporter.tunables().weights().cpu();
    }

    @Override
    public void setCpuSignalWeight(double weight) {
        Tunables t = reporter.tunables();
        reporter.tunables(t.withWeights(t.weights().withCpu(checkWeight("CpuSignalWeight", weight))));
    }

    @Override
    public double getGcSignalWeight() {
        return reporter.tunables().weights().gc();
    }

    @Override
    public void setGcSignalWeight(double weight) {
        Tunables t = reporter.tunables();
        reporter.tunables(t.withWeights(t.weights().withGc(checkWeight("GcSignalWeight", weight))));
    }

    @Override
    public double getHeapSignalWeight() {
        return reporter.tunables().weights().heap();
    }

    @Override
    public void setHeapSignalWeight(double weight) {
        Tunables t = reporter.tunables();
        reporter.tunables(t.withWeights(t.weights().withHeap(checkWeight("HeapSignalWeight", weight))));
    }

    @Override
    public double getPoolSignalWeight() {
        return reporter.tunables().weights().pool();
    }

    @Override
    public void setPoolSignalWeight(double weight) {
        Tunables t = reporter.tunables();
        reporter.tunables(t.withWeights(t.weights().withPool(checkWeight("PoolSignalWeight", weight))));
    }

    private static double checkWeight(String attribute, double v) {
        return SettingRanges.SIGNAL_WEIGHT.check(attribute, v);
    }

    @Override
    public int getMinWeight() {
        return reporter.tunables().minWeight();
    }

    @Override
    public void setMinWeight(int percent) {
        reporter.tunables(reporter.tunables().withMinWeight(SettingRanges.MIN_WEIGHT.check("MinWeight", percent)));
    }

    @Override
    public int getWeightOverride() {
        return reporter.admin().weightOverride();
    }

    @Override
    public void setWeightOverride(int percent) {
        SettingRanges.WEIGHT_OVERRIDE.check("WeightOverride", percent, " (clearWeightOverride() removes it)");
        reporter.admin().weightOverride(percent);
    }

    @Override
    public void clearWeightOverride() {
        reporter.admin().clearWeightOverride();
    }

    @Override
    public String getMaintenance() {
        String m = reporter.admin().maintenance();
        return m == null ? "" : m;
    }

    @Override
    public void setMaintenance(String reason) {
        reporter.admin().maintenance(reason);
    }

    @Override
    public void drain() {
        reporter.admin().drain();
    }

    @Override
    public void resume() {
        reporter.admin().resume();
    }
}
