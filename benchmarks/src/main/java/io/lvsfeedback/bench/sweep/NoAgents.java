package io.lvsfeedback.bench.sweep;

import io.lvsfeedback.bridge.poll.AgentPoller;
import io.lvsfeedback.bridge.poll.PollOutcome;
import io.lvsfeedback.bridge.poll.PollRequest;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** A poller for a table without agents: every poll fails at once, so every report is missing. */
final class NoAgents implements AgentPoller {
    @Override
    public Map<PollRequest, PollOutcome> pollAll(Collection<PollRequest> requests, long timeoutMillis) {
        Map<PollRequest, PollOutcome> out = new HashMap<>();
        for (PollRequest r : requests) {
            out.put(r, PollOutcome.failure("no agent in this benchmark", 0));
        }
        return out;
    }

    @Override
    public void close() {
        // nothing open
    }
}
