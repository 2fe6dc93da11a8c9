package io.lvsfeedback.bridge.engine;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.bridge.poll.AgentPoller;
import io.lvsfeedback.bridge.poll.PollOutcome;
import io.lvsfeedback.bridge.poll.PollRequest;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks agents again for the previous cycle's sample ({@code at=} the previous instant; agents keep
 * their last 16) where this bridge does not hold it: on its first cycle, after a failed or skipped
 * poll. The rise limit starts from the target of that sample, so a director that missed it would
 * otherwise limit against the base while the others limit against the sample. Nothing is asked in
 * the steady state: the previous cycle's report is that sample.
 */
final class PreviousSamples {
    private PreviousSamples() {}

    /** What the extra polls cost, for the cycle's figures; empty when none was needed. */
    record Fetched(int polls, int failures, long[] latencies) {
        static final Fetched NONE = new Fetched(0, 0, new long[0]);
    }

    static Fetched fetch(Map<DestinationState, List<PollRequest>> candidates, AgentPoller poller, BridgeConfig cfg,
                         long instant) {
        long interval = cfg.pollIntervalMillis();
        long previousInstant = instant - interval;
        Map<DestinationState, PollRequest> wanted = new HashMap<>();
        Set<PollRequest> requests = new LinkedHashSet<>();
        candidates.forEach((d, agents) -> {
            if (d.lacksPreviousSample(instant, interval)) {
                agents.stream().filter(r -> r.agent().equals(d.agent())).findFirst().ifPresent(r -> {
                    wanted.put(d, r);
                    requests.add(r);
                });
            }
        });
        if (requests.isEmpty()) {
            return Fetched.NONE;
        }
        Map<PollRequest, PollOutcome> outcomes = poller.pollAll(requests, cfg.pollTimeoutMillis(), previousInstant);
        wanted.forEach((d, r) -> {
            PollOutcome o = outcomes.get(r);
            if (o != null && o.succeeded() && takenBy(o.report(), previousInstant)) {
                d.previousSampled(o.report(), previousInstant);
            }
        });
        long[] latencies = outcomes.values().stream().mapToLong(PollOutcome::latencyNanos).toArray();
        int failed = (int) outcomes.values().stream().filter(o -> !o.succeeded()).count();
        return new Fetched(outcomes.size(), failed, latencies);
    }

    /**
     * An agent that no longer keeps a sample that old answers with its latest, and one that does not
     * say when its sample was taken (an old agent, an agent-check line) cannot be told apart from
     * that: only a sample taken at or before the instant is the previous one.
     */
    static boolean takenBy(FeedbackReport r, long instant) {
        return r.epochMillis() > 0 && r.epochMillis() <= instant;
    }
}
