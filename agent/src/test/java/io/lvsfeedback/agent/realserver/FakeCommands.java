package io.lvsfeedback.agent.realserver;

import java.util.ArrayList;
import java.util.List;

/** Records the commands the setup runs; fails them all with a given message when told to. */
final class FakeCommands implements SystemCommands {
    final List<String> ran = new ArrayList<>();
    String failWith;

    @Override
    public void run(List<String> command) throws EnvironmentException {
        ran.add(String.join(" ", command));
        if (failWith != null) {
            throw new EnvironmentException("'" + String.join(" ", command) + "' failed (exit 1): " + failWith);
        }
    }
}
