package io.lvsfeedback.bridge.poll;

import java.util.Collection;
import java.util.Map;

/** Polls many agents at once; the engine's only view of the network. */
public interface AgentPoller extends AutoCloseable {
    /**
     * Polls every request once, concurrently; returns when all have answered, failed or timed out.
     *
     * @param timeoutMillis per agent, from connect to the full reply line
     * @return one outcome per distinct request
     */
    Map<PollRequest, PollOutcome> pollAll(Collection<PollRequest> requests, long timeoutMillis);

    /**
     * As {@link #pollAll(Collection, long)}, asking each agent for the sample it took at or before
     * {@code atMillis} (wall clock; 0 for the latest), so every director deciding for the same
     * cycle instant decides from the same sample however late its poll runs.
     */
    default Map<PollRequest, PollOutcome> pollAll(Collection<PollRequest> requests, long timeoutMillis, long atMillis) {
        return pollAll(requests, timeoutMillis);
    }

    @Override
    void close();
}
