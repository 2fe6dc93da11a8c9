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

    @Override
    void close();
}
