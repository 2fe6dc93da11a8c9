package io.lvsfeedback.bridge.engine;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.bridge.config.ServiceSettings;
import io.lvsfeedback.bridge.poll.PollOutcome;
import io.lvsfeedback.bridge.poll.PollRequest;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the agent of a destination {@code RIP:PORT}: the configured one, else each configured
 * agent port on the RIP; when several agents answer, the one whose report lists PORT.
 */
final class AgentMapping {
    private AgentMapping() {}

    /** The agent picked for a destination (null when none could be) and its outcome. */
    record Picked(InetSocketAddress agent, PollOutcome outcome) {}

    static List<PollRequest> candidates(DestinationState d, BridgeConfig config) {
        ServiceSettings s = config.service(d.serviceKey());
        InetSocketAddress explicit = config.explicitAgent(d.key());
        List<PollRequest> out = new ArrayList<>();
        if (explicit != null) {
            out.add(new PollRequest(explicit, s.secret(), s.allowUnauthenticated()));
            return out;
        }
        for (int agentPort : s.agentPorts()) {
            out.add(new PollRequest(new InetSocketAddress(d.address(), agentPort), s.secret(), s.allowUnauthenticated()));
        }
        return out;
    }

    /** The outcome that belongs to the destination, with the agent's address; a failure when none. */
    static Picked pick(DestinationState d, List<PollRequest> candidates, Map<PollRequest, PollOutcome> outcomes) {
        if (candidates.size() == 1) {
            PollRequest only = candidates.get(0);
            return new Picked(only.agent(), outcomes.get(only));
        }
        PollRequest unlisted = null;
        int unlistedCount = 0;
        String firstError = null;
        boolean anyAnswered = false;
        boolean anyUnanswered = false;
        for (PollRequest r : candidates) {
            PollOutcome o = outcomes.get(r);
            if (o == null || !o.succeeded()) {
                firstError = firstError == null && o != null ? o.error() : firstError;
                anyUnanswered |= o != null && o.unanswered();
                continue;
            }
            anyAnswered = true;
            if (o.report().ports().contains(d.port())) {
                return new Picked(r.agent(), o);
            }
            if (o.report().ports().isEmpty()) {
                unlisted = r;
                unlistedCount++;
            }
        }
        if (unlistedCount == 1) {
            return new Picked(unlisted.agent(), outcomes.get(unlisted));
        }
        List<Integer> ports = new ArrayList<>();
        candidates.forEach(r -> ports.add(r.agent().getPort()));
        String why = "no agent on " + d.address().getHostAddress() + " ports " + ports + " reports serving port " + d.port()
                + (firstError == null ? "" : " (" + firstError + ")");
        // Silence from a host that took the connection says it is too slow, when no agent there answered.
        boolean silent = anyUnanswered && !anyAnswered;
        return new Picked(null, silent ? PollOutcome.unanswered(why, 0) : PollOutcome.failure(why, 0));
    }
}
