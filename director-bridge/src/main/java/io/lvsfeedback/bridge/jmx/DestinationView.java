package io.lvsfeedback.bridge.jmx;

import io.lvsfeedback.bridge.engine.ClockSource;
import io.lvsfeedback.bridge.engine.DestinationState;
import io.lvsfeedback.bridge.ipvs.Endpoints;
import io.lvsfeedback.bridge.policy.Decision;
import io.lvsfeedback.model.bridge.DestinationMXBean;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;

/** {@link DestinationMXBean} over a destination's state; also the source of its notifications. */
final class DestinationView extends NotificationBroadcasterSupport implements DestinationMXBean {
    private static final MBeanNotificationInfo[] NOTIFICATIONS = {
        new MBeanNotificationInfo(new String[] {STALE, DRAIN, OVERRIDE}, Notification.class.getName(),
                "the destination went stale, was drained by its agent, or was overridden by an operator")};

    private final DestinationState d;
    private final ClockSource clock;
    private final AtomicLong sequence = new AtomicLong();

    DestinationView(DestinationState d, ClockSource clock) {
        super(NOTIFICATIONS);
        this.d = d;
        this.clock = clock;
    }

    void send(String type, String message) {
        // source this bean: the MBean server puts its ObjectName in its place
        Notification n = new Notification(type, this,
                sequence.incrementAndGet(), System.currentTimeMillis(), message);
        sendNotification(n);
    }

    private double signal(String name) {
        FeedbackReport r = d.report();
        return r == null ? Double.NaN : r.signal(name);
    }

    @Override
    public String getService() {
        return d.serviceKey().toString();
    }

    @Override
    public String getAddress() {
        return d.key().toString();
    }

    @Override
    public String getAgent() {
        InetSocketAddress agent = d.agent();
        return agent == null ? "" : Endpoints.format(agent);
    }

    @Override
    public String getAgentState() {
        FeedbackReport r = d.report();
        return r == null ? "unknown" : r.state().word();
    }

    @Override
    public String getAgentReason() {
        FeedbackReport r = d.report();
        return r == null ? "" : r.reason();
    }

    @Override
    public int getSuggestedWeightPercent() {
        FeedbackReport r = d.report();
        return r == null ? -1 : r.weightPercent();
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
    public double getRequestsPerSecond() {
        return signal(Signals.REQUESTS_PER_SECOND);
    }

    @Override
    public Map<String, Double> getSignals() {
        FeedbackReport r = d.report();
        return r == null ? Map.of() : r.signals();
    }

    @Override
    public String getSource() {
        FeedbackReport r = d.report();
        return r == null ? "" : r.source();
    }

    @Override
    public boolean isAuthenticated() {
        return d.reportAuthenticated();
    }

    @Override
    public long getLastReportAgeMillis() {
        return d.reportAgeMillis(clock.millis());
    }

    @Override
    public String getLastPollError() {
        String e = d.lastPollError();
        return e == null ? "" : e;
    }

    @Override
    public int getBaseWeight() {
        return d.baseWeight();
    }

    @Override
    public int getTargetWeight() {
        Decision dec = d.lastDecision();
        return dec == null ? d.kernelWeight() : dec.target();
    }

    @Override
    public int getAppliedWeight() {
        return d.kernelWeight();
    }

    @Override
    public String getReason() {
        Decision dec = d.lastDecision();
        return dec == null ? "" : dec.reason();
    }

    @Override
    public String getCause() {
        Decision dec = d.lastDecision();
        return dec == null ? "" : dec.cause().name();
    }

    @Override
    public String getLastChange() {
        return d.lastChange();
    }

    @Override
    public long getLastChangeAgeMillis() {
        return d.lastChangeMillis() < 0 ? -1 : clock.millis() - d.lastChangeMillis();
    }

    @Override
    public boolean isQuiesced() {
        return d.quiesced();
    }

    @Override
    public int getWeightOverride() {
        return d.override();
    }

    @Override
    public void setWeightOverride(int weight) {
        d.setOverride(weight);
    }

    @Override
    public void clearWeightOverride() {
        d.clearOverride();
    }

    @Override
    public boolean isFrozen() {
        return d.frozen();
    }

    @Override
    public void freeze() {
        d.freeze();
    }

    @Override
    public void unfreeze() {
        d.unfreeze();
    }
}
