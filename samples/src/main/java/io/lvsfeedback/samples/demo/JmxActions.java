package io.lvsfeedback.samples.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs the scripts of {@code samples/jmxterm} on one JVM for the scenario: through a jmxterm
 * session opened in advance when it connected, else one jmxterm process per script (slow to
 * start in the lab, but still the operator's own tool).
 */
public final class JmxActions implements Function<String, String>, AutoCloseable {

    /** A JMX call that takes longer than this is reported as failed; the scenario goes on. */
    private static final long CALL_TIMEOUT_SECONDS = 120;

    private final Path jmxScript;
    private final String target;
    private final JmxtermSession session;
    private final String sessionProblem;
    private final Map<String, String> names;

    private JmxActions(Path jmxScript, String target, Map<String, String> names, JmxtermSession session,
            String sessionProblem) {
        this.jmxScript = jmxScript;
        this.names = Map.copyOf(names);
        this.target = target;
        this.session = session;
        this.sessionProblem = sessionProblem;
    }

    /**
     * Opens the session to {@code target} (HOST:PORT), waiting at most {@code timeoutSeconds}, and
     * runs the {@code warmUp} commands in it (their answers are not kept).
     *
     * @param names the scripts' bean names, e.g. {@code AGENT=port-3333} (see samples/jmxterm/jmx)
     */
    public static JmxActions open(Path jmxScript, String target, Map<String, String> names, long timeoutSeconds,
            List<String> warmUp) {
        try {
            JmxtermSession s = JmxtermSession.open(List.of(jmxScript.toString(), target, "-"), Map.of(), timeoutSeconds);
            try {
                s.run(warmUp, timeoutSeconds);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            return new JmxActions(jmxScript, target, names, s, null);
        } catch (IOException e) {
            return new JmxActions(jmxScript, target, names, null, e.getMessage());
        }
    }

    /**
     * The same actions on a new JVM at the same target (the demo's next forwarding method): this
     * session connected to it and warmed up again, or, when that fails, a new session as
     * {@link #open} makes it (this one is closed).
     */
    public JmxActions reopened(long timeoutSeconds, List<String> warmUp) {
        if (session != null) {
            try {
                session.reopen(target, timeoutSeconds);
                session.run(warmUp, timeoutSeconds);
                return this;
            } catch (IOException e) {
                System.out.println("demo: jmxterm session did not reconnect, starting a new one: " + e.getMessage());
            }
        }
        close();
        return open(jmxScript, target, names, timeoutSeconds, warmUp);
    }

    /** Lets go of the target JVM before it is stopped (a session survives it; see {@link #reopened}). */
    public void disconnect(long timeoutSeconds) {
        if (session != null) {
            try {
                session.disconnect(timeoutSeconds);
            } catch (IOException e) {
                // reopened() closes and connects again whatever state this left
            }
        }
    }

    /** Why there is no session (each call then starts jmxterm), or null when there is one. */
    public String sessionProblem() {
        return sessionProblem;
    }

    @Override
    public String apply(String scriptName) {
        long start = System.nanoTime();
        String how;
        String result;
        if (session != null) {
            how = "session";
            try {
                List<String> commands = JmxtermSession.commandsOf(jmxScript.resolveSibling(scriptName + ".jmx"), names);
                result = String.join("; ", session.run(commands, CALL_TIMEOUT_SECONDS));
            } catch (IOException e) {
                result = "failed: " + e.getMessage();
            }
        } else {
            how = "new jmxterm";
            List<String> command = new java.util.ArrayList<>(List.of(jmxScript.toString(), target, scriptName));
            names.forEach((k, v) -> command.add(k + "=" + v));
            CommandRunner.Result r = CommandRunner.run(command, CALL_TIMEOUT_SECONDS);
            result = "exit " + r.status() + ": " + r.output().lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("Welcome to JMX")).reduce((a, b) -> a + "; " + b).orElse("");
        }
        if (result.length() > 300) {
            result = result.substring(0, 300) + "..."; // a Java stack trace says enough in its first lines
        }
        return String.format(java.util.Locale.ROOT, "jmx %s %s (%s, %.1f s) -> %s", target, scriptName, how,
                (System.nanoTime() - start) / 1e9, result);
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
