package io.lvsfeedback.agent.config;

/** What the agent does about the real server's VIP and sysctls. */
public enum NetworkMode {
    /** Apply what is missing, then verify; repair on re-verify. */
    CONFIGURE,
    /** Only check and report. */
    VERIFY,
    /** Leave the network alone. */
    OFF
}
