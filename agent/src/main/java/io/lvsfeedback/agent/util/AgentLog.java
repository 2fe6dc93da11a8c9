package io.lvsfeedback.agent.util;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's only logging: a thin wrapper over JUL, so the agent brings no logging framework
 * into the application and follows whatever JUL setup (or bridge) the application has.
 */
public final class AgentLog {
    private static final String PREFIX = "[lvs-agent] ";
    /** JUL's own shutdown hook closes its handlers; from then on we write to stderr directly. */
    private static volatile boolean shuttingDown;
    private final String source;
    /** Looked up at the first message: the JUL set-up it may trigger must not delay the feedback port. */
    private volatile Logger logger;

    private AgentLog(Class<?> type) {
        this.source = type.getName();
    }

    private Logger logger() {
        Logger l = logger;
        if (l == null) {
            l = Logger.getLogger(source);
            logger = l;
        }
        return l;
    }

    public static AgentLog of(Class<?> type) {
        return new AgentLog(type);
    }

    public void info(String message) {
        log(Level.INFO, message, null);
    }

    public void warn(String message) {
        log(Level.WARNING, message, null);
    }

    public void warn(String message, Throwable cause) {
        log(Level.WARNING, message, cause);
    }

    public void debug(String message) {
        log(Level.FINE, message, null);
    }

    /** Called first thing in the agent's shutdown hook. */
    public static void shutdownStarted() {
        shuttingDown = true;
    }

    private void log(Level level, String message, Throwable cause) {
        if (shuttingDown) {
            if (level.intValue() >= Level.INFO.intValue()) {
                System.err.println(PREFIX + message + (cause == null ? "" : " (" + cause + ")"));
            }
            return;
        }
        try {
            // logp names our class as the source instead of this wrapper.
            logger().logp(level, source, null, PREFIX + message, cause);
        } catch (RuntimeException e) {
            // A broken logging setup in the application must not break the agent.
            System.err.println(PREFIX + message);
        }
    }
}
