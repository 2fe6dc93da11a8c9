package io.lvsfeedback.agent.jmx;

import io.lvsfeedback.agent.config.SettingRanges;

import io.lvsfeedback.agent.report.AdminControl;
import io.lvsfeedback.agent.probe.IdleProbe;
import io.lvsfeedback.agent.report.Reporter;
import io.lvsfeedback.agent.signal.PathCheck;
import io.lvsfeedback.model.agent.AgentMXBean;
import io.lvsfeedback.model.agent.CheckView;
import io.lvsfeedback.model.protocol.AgentCheckLine;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

/**
 * The agent's MXBean: reads the reporter's current report, forwards operator actions to
 * {@link AdminControl}, and emits a notification for every state or check change. The live
 * settings are {@link AgentSettingsMBean}.
 */
public final class AgentMBean extends NotificationBroadcasterSupport implements AgentMXBean {
    private final ObjectName name;
    private final Reporter reporter;
    private final IntSupplier feedbackPort;
    private final String networkMode;
    private final Supplier<List<CheckView>> networkChecks;
    private final List<PathCheck> dependencies;
    private final AtomicLong notificationSequence = new AtomicLong();

    public AgentMBean(ObjectName name, Reporter reporter, IntSupplier feedbackPort, String networkMode,
            Supplier<List<CheckView>> networkChecks, List<PathCheck> dependencies) {
        super(new MBeanNotificationInfo[] {
            new MBeanNotificationInfo(new String[] {STATE_CHANGED}, Notification.class.getName(),
                    "The reported state or its reason changed"),
            new MBeanNotificationInfo(new String[] {CHECK_CHANGED}, Notification.class.getName(),
                    "A real-server network check changed")
        });
        this.name = name;
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
        Notification n = new Notification(type, name, notificationSequence.incrementAndGet(), message);
        n.setUserData(userData);
        sendNotification(n);
    }

    public ObjectName name() {
        return name;
    }

    private FeedbackReport report() {
        return reporter.current();
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
        // What this JVM cannot measure is left out: a table of NaN tells an operator nothing.
        Map<String, Double> known = new TreeMap<>();
        reporter.lastSignals().forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                known.put(k, v);
            }
        });
        return known;
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
    public String getIdleProbe() {
        IdleProbe p = reporter.idleProbe();
        if (p == null) {
            return "off";
        }
        String problem = p.lastProblem();
        return p.target() + ": " + p.sent() + " sent, " + p.failed() + " failed" + (problem.isEmpty() ? "" : "; last: " + problem);
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
