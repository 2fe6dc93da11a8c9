package io.lvsfeedback.agent.lifecycle;

import io.lvsfeedback.model.agent.CheckView;
import java.util.List;

/**
 * Stands in for the real-server network part until it has been set up and verified on the agent's
 * background thread (or could not be): the report says {@code down} with this reason meanwhile,
 * as it would for a failed check, so a director never sends VIP traffic to a server not yet known
 * to accept it.
 */
final class PendingNetwork implements NetworkSetup {
    private final String reason;
    private final List<CheckView> checks;

    private PendingNetwork(String reason, String actual) {
        this.reason = reason;
        this.checks = List.of(new CheckView("real-server network", "verified", actual, false, ""));
    }

    static PendingNetwork starting() {
        return new PendingNetwork("real-server network not verified yet (agent starting)", "not yet");
    }

    static PendingNetwork failed(Throwable t) {
        return new PendingNetwork("real-server network setup failed: " + t, "setup failed");
    }

    @Override
    public List<CheckView> checks() {
        return checks;
    }

    @Override
    public String problem() {
        return reason;
    }

    @Override
    public void undo() {}

    @Override
    public void close() {}
}
