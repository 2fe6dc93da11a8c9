package io.lvsfeedback.bridge.engine;

import io.lvsfeedback.bridge.ipvs.Endpoints;
import io.lvsfeedback.bridge.poll.AgentPoller;
import io.lvsfeedback.bridge.poll.PollOutcome;
import io.lvsfeedback.bridge.poll.PollRequest;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Agents as the protocol describes them: each keeps its last samples by their epoch and answers
 * {@code at=T} with the newest taken at or before T, or with its latest when it keeps none that old
 * (docs/PROTOCOL.md). Several directors' pollers share the samples ({@link #director()}), each with
 * agents it cannot reach of its own.
 */
final class SampledAgents {
    static final int KEPT = 16;

    private final Map<String, NavigableMap<Long, FeedbackReport>> samples = new HashMap<>();

    /** Agent {@code address:port} took a sample at {@code epochMillis}; the oldest beyond 16 is forgotten. */
    void sample(String agent, long epochMillis, FeedbackReport report) {
        NavigableMap<Long, FeedbackReport> kept = samples.computeIfAbsent(agent, a -> new TreeMap<>());
        kept.put(epochMillis, report.toBuilder().epochMillis(epochMillis).build());
        while (kept.size() > KEPT) {
            kept.pollFirstEntry();
        }
    }

    Director director() {
        return new Director();
    }

    /** One director's view of the agents: the same samples, its own unreachable agents. */
    final class Director implements AgentPoller {
        final Set<String> unreachable = new HashSet<>();
        /** Every {@code at=} asked for, in order, one per batch. */
        final List<Long> asked = new ArrayList<>();

        @Override
        public Map<PollRequest, PollOutcome> pollAll(Collection<PollRequest> requests, long timeoutMillis, long atMillis) {
            asked.add(atMillis);
            Map<PollRequest, PollOutcome> out = new HashMap<>();
            for (PollRequest r : requests) {
                String agent = Endpoints.format(r.agent());
                NavigableMap<Long, FeedbackReport> kept = samples.get(agent);
                if (kept == null || kept.isEmpty() || unreachable.contains(agent)) {
                    out.put(r, PollOutcome.failure(agent + ": no reply within " + timeoutMillis + " ms", 1000));
                    continue;
                }
                Map.Entry<Long, FeedbackReport> e = kept.floorEntry(atMillis);
                out.put(r, PollOutcome.report(e != null ? e.getValue() : kept.lastEntry().getValue(), true, 1000));
            }
            return out;
        }

        @Override
        public Map<PollRequest, PollOutcome> pollAll(Collection<PollRequest> requests, long timeoutMillis) {
            return pollAll(requests, timeoutMillis, Long.MAX_VALUE);
        }

        @Override
        public void close() {}
    }
}
