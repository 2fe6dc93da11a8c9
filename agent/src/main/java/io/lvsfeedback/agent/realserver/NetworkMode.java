package io.lvsfeedback.agent.realserver;

/** What the agent may do to the host's network settings. */
public enum NetworkMode {
    /** Apply the settings, then verify them; repair drift while running. */
    CONFIGURE,
    /** Only check and report what is missing, with the commands that fix it. */
    VERIFY,
    /** Neither touch nor check the network. */
    OFF
}
