package io.lvsfeedback.bridge.engine;

import io.lvsfeedback.bridge.ipvs.Endpoints;
import io.lvsfeedback.bridge.poll.AgentPoller;
import io.lvsfeedback.bridge.poll.PollOutcome;
import io.lvsfeedback.bridge.poll.PollRequest;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Answers polls from a table of agent address -> report; unknown agents fail like a refused connect. */
final class FakePoller implements AgentPoller {
    final Map<String, FeedbackReport> reports = new HashMap<>();
    /** Agents whose host takes the connection and which do not answer (a starved JVM). */
    final java.util.Set<String> silent = new java.util.HashSet<>();
    int polls;
    /** The {@code at=} instant of the last poll with one (0: none yet). */
    long lastAt;

    @Override
    public Map<PollRequest, PollOutcome> pollAll(Collection<PollRequest> requests, long timeoutMillis, long atMillis) {
        lastAt = atMillis;
        return pollAll(requests, timeoutMillis);
    }

    @Override
    public Map<PollRequest, PollOutcome> pollAll(Collection<PollRequest> requests, long timeoutMillis) {
        Map<PollRequest, PollOutcome> out = new HashMap<>();
        for (PollRequest r : requests) {
            polls++;
            FeedbackReport rep = reports.get(Endpoints.format(r.agent()));
            if (silent.contains(Endpoints.format(r.agent()))) {
                out.put(r, PollOutcome.unanswered(Endpoints.format(r.agent()) + ": no reply within 200 ms", 200_000_000));
                continue;
            }
            out.put(r, rep == null ? PollOutcome.failure(Endpoints.format(r.agent()) + ": Connection refused", 1000)
                    : PollOutcome.report(rep, true, 1000));
        }
        return out;
    }

    @Override
    public void close() {}
}
