package io.lvsfeedback.agent;

import java.lang.instrument.Instrumentation;

/** Entry point of the -javaagent: parses arguments and hands off; never throws into the host JVM. */
public final class LvsAgent {
    private LvsAgent() {}

    public static void premain(String args, Instrumentation inst) {
        start(args);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args);
    }

    private static void start(String args) {
        try {
            System.err.println("[lvs-agent] loaded (args: " + (args == null ? "" : args) + ")");
        } catch (Throwable t) {
            // The agent must never take the application down.
        }
    }
}
