package io.lvsfeedback.agent.realserver;

import java.util.List;

/** The two steps done through a system tool rather than netlink: loading a module and setting a link up. */
interface SystemCommands {
    /** Runs the command; throws {@link NotPermittedException} when the tool says it is not allowed. */
    void run(List<String> command) throws EnvironmentException;
}
