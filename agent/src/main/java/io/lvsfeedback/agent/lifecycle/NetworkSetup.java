package io.lvsfeedback.agent.lifecycle;

import io.lvsfeedback.model.agent.CheckView;
import java.util.List;
import java.util.function.Consumer;

/** The real-server network part as the rest of the agent sees it. */
public interface NetworkSetup extends AutoCloseable {
    /** The last result of every check. */
    List<CheckView> checks();

    /** Why the server cannot serve its VIP traffic, or null when every check passes. */
    default String problem() {
        for (CheckView c : checks()) {
            if (!c.isOk()) {
                return c.getName() + ": expected " + c.getExpected() + ", found " + c.getActual();
            }
        }
        return null;
    }

    /** Told about each check change (for JMX notifications). */
    default void onChange(Consumer<String> listener) {}

    /** Removes what the agent added (and only that). */
    void undo();

    @Override
    void close();

    /** For network=off and servers without a VIP. */
    NetworkSetup NONE = new NetworkSetup() {
        @Override
        public List<CheckView> checks() {
            return List.of();
        }

        @Override
        public void undo() {}

        @Override
        public void close() {}
    };
}
