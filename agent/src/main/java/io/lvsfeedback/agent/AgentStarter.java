package io.lvsfeedback.agent;

import io.lvsfeedback.agent.config.AgentConfig;
import io.lvsfeedback.agent.lifecycle.AgentRuntime;
import io.lvsfeedback.agent.lifecycle.NetworkSetup;
import io.lvsfeedback.agent.lifecycle.RealServerNetwork;
import io.lvsfeedback.agent.util.AgentClock;
import io.lvsfeedback.agent.util.AgentLog;

/**
 * Starts the agent on its own thread and installs the shutdown hook: first the feedback port
 * ("started"), then, on the same thread, the slow real-server network setup and JMX ("set up").
 * Every failure ends here as one line on stderr; the application is never affected.
 */
final class AgentStarter {
    private static final AgentLog LOG = AgentLog.of(AgentStarter.class);

    private AgentStarter() {}

    static void start(AgentConfig config, long premainNanos) {
        AgentRuntime runtime;
        try {
            runtime = AgentRuntime.start(config, AgentClock.SYSTEM, AgentStarter::network);
        } catch (Throwable t) {
            LvsAgent.disabled("cannot start: " + describe(t));
            return;
        }
        LOG.info(String.format(java.util.Locale.ROOT, "started in %.1f ms after premain (feedback port answering)",
                (runtime.readyNanos() - premainNanos) / 1e6));
        try {
            Thread hook = new Thread(() -> {
                AgentLog.shutdownStarted();
                runtime.shutdown();
            }, "lvs-agent-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            runtime.close(); // the JVM is already stopping
            return;
        }
        try {
            runtime.completeStart();
            LOG.info(String.format(java.util.Locale.ROOT, "set up in %.1f ms after premain", millisSince(premainNanos)));
        } catch (Throwable t) {
            // The feedback port keeps serving what is known; the application carries on.
            LOG.warn("setting up failed: " + describe(t));
        }
    }

    private static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e6;
    }

    private static NetworkSetup network(AgentConfig config) {
        return RealServerNetwork.from(config);
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isEmpty() ? t.toString() : m;
    }
}
