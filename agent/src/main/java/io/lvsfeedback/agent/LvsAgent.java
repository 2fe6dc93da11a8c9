package io.lvsfeedback.agent;

import io.lvsfeedback.agent.config.AgentConfig;
import io.lvsfeedback.agent.config.ConfigException;
import io.lvsfeedback.agent.config.ConfigLoader;
import io.lvsfeedback.agent.signal.ServerStatistics;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point of the -javaagent ({@code premain}) and of attaching at run time ({@code agentmain}):
 * parses the arguments and hands off to a starter thread. Never throws into the host JVM, never
 * exits it: a bad argument disables the agent with one line on stderr and the application starts.
 */
public final class LvsAgent {
    private static final AtomicBoolean LOADED = new AtomicBoolean();

    private LvsAgent() {}

    public static void premain(String args, Instrumentation inst) {
        start(args);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args);
    }

    private static void start(String args) {
        long premainNanos = System.nanoTime();
        try {
            if (!LOADED.compareAndSet(false, true)) {
                disabled("already running in this JVM; ignoring the second load");
                return;
            }
            AgentConfig config = ConfigLoader.load(args);
            if (config.serverStats()) {
                // Here, not on the start thread: it must happen before the application reads them.
                ServerStatistics.enable();
            }
            Thread starter = new Thread(() -> AgentStarter.start(config, premainNanos), "lvs-agent-start");
            starter.setDaemon(true);
            starter.start();
        } catch (ConfigException e) {
            disabled(e.getMessage());
        } catch (Throwable t) {
            disabled("unexpected failure: " + t);
        }
    }

    /** The one line an operator sees when the agent is not working; the application carries on. */
    static void disabled(String why) {
        try {
            System.err.println("[lvs-agent] disabled: " + why + " (the application continues without the agent)");
        } catch (Throwable ignored) {
            // stderr is gone: nothing more to do
        }
    }
}
