package io.lvsfeedback.samples.demo;

import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.ProtocolException;
import io.lvsfeedback.model.protocol.ReportClient;
import io.lvsfeedback.model.protocol.SharedSecret;
import io.lvsfeedback.model.protocol.Signals;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;

/** Reads one agent's full report (LVSFB/1, authenticated when a secret is given), as the bridge does. */
public final class AgentPoller {

    private final SharedSecret secret;
    private final int timeoutMillis;

    /** @param secret the agents' shared key, or null to accept unsigned reports */
    public AgentPoller(SharedSecret secret, int timeoutMillis) {
        this.secret = secret;
        this.timeoutMillis = timeoutMillis;
    }

    /** Never throws: an agent that cannot be read is {@link AgentView#UNREACHABLE}. */
    public AgentView poll(InetSocketAddress agent) {
        try {
            FeedbackReport report = ReportClient.poll(agent, secret, timeoutMillis).report();
            return new AgentView(report.state().name().toLowerCase(Locale.ROOT), report.weightPercent(),
                    report.signal(Signals.REQUESTS_PER_SECOND), report.signal(Signals.LATENCY_P99_MS),
                    report.signal(Signals.CPU_PROCESS), report.signal(Signals.POOL_BUSY),
                    report.signal(Signals.UTILIZATION), report.signal(Signals.CONCURRENCY),
                    report.signal(Signals.POOL_MAX), report.signal(Signals.CAPACITY));
        } catch (IOException | ProtocolException | RuntimeException e) {
            return AgentView.UNREACHABLE;
        }
    }
}
