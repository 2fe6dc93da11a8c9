package io.lvsfeedback.samples.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One jmxterm process kept connected to a JVM ({@code samples/jmxterm/jmx HOST:PORT -}), fed
 * commands on its stdin. Starting jmxterm is a JVM start, which takes tens of seconds in an
 * emulated guest; a session opened before the load makes a drain take as long as the JMX call.
 *
 * <p>jmxterm prints no end-of-answer marker, so every batch of commands ends with a read of the
 * target's uptime: when its answer arrives, everything before it has been answered.
 */
public final class JmxtermSession implements AutoCloseable {
    private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z0-9_]+@");
    /**
     * The scripts' bean names unless given, as in samples/jmxterm/jmx: the agent's default
     * jmx-name for feedback port 3333, the bridge's for bridge.properties.
     */
    public static final Map<String, String> DEFAULT_NAMES = Map.of("AGENT", "port-3333", "BRIDGE", "bridge");

    private static final String SYNC_COMMAND = "get -b java.lang:type=Runtime Uptime";
    private static final String SYNC_ANSWER = "Uptime = ";
    private static final String SYNC_HEADER = "#mbean = java.lang:type=Runtime";
    /** jmxterm's answer to a command while it is not connected. */
    private static final String NOT_OPEN = "#IllegalStateException: Connection isn't open";
    private static final String END = "\u0000end of output";

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    /** Sync answers still owed by batches that timed out: they arrive late and must not end a later batch. */
    private int staleSyncs;

    private JmxtermSession(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "jmxterm-session-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code command} (a jmxterm reading commands from stdin) and waits until it has
     * connected and answered once.
     *
     * @throws IOException when it cannot start, exits, or does not answer within the time limit;
     *                     the message holds what it printed
     */
    public static JmxtermSession open(List<String> command, Map<String, String> environment, long timeoutSeconds)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment);
        JmxtermSession session = new JmxtermSession(pb.start());
        try {
            session.run(List.of(), timeoutSeconds);
            return session;
        } catch (IOException e) {
            session.close();
            throw new IOException("jmxterm session " + command + " did not connect: " + e.getMessage(), e);
        }
    }

    /**
     * Sends the commands and waits for their answers.
     *
     * @return what jmxterm printed for them, one line each (failing commands included: jmxterm
     *         prints their error and goes on)
     * @throws IOException when jmxterm exited or did not answer within the time limit
     */
    public synchronized List<String> run(List<String> commands, long timeoutSeconds) throws IOException {
        return send(commands, timeoutSeconds, false).lines();
    }

    /**
     * Connects the session to {@code target} (HOST:PORT) instead of the JVM it was connected to:
     * a new JVM at the same address (the demo's next forwarding method) costs a JMX connect, not
     * a jmxterm start.
     *
     * @throws IOException when the connect failed (the message holds jmxterm's error) or jmxterm
     *                     did not answer in time
     */
    public synchronized void reopen(String target, long timeoutSeconds) throws IOException {
        // jmxterm's close is a no-op when not connected; after "open" the sync answers only if it connected.
        Answer a = send(List.of("close", "open " + target), timeoutSeconds, true);
        if (!a.connected()) {
            throw new IOException("jmxterm could not open " + target + ": " + String.join(" | ", a.lines()));
        }
    }

    /** Disconnects from the JVM (jmxterm keeps running), e.g. before that JVM is stopped. */
    public synchronized void disconnect(long timeoutSeconds) throws IOException {
        send(List.of("close"), timeoutSeconds, true);
    }

    /** What jmxterm printed for a batch, and whether its closing sync was answered by a connected JVM. */
    private record Answer(List<String> lines, boolean connected) {
    }

    /**
     * @param notOpenEnds the batch may end with jmxterm not connected: its sync then answers "not
     *                    open" (only for batches where no other command can print that)
     */
    private Answer send(List<String> commands, long timeoutSeconds, boolean notOpenEnds) throws IOException {
        if (!process.isAlive()) {
            throw new IOException("jmxterm is not running (exit " + process.exitValue() + ")");
        }
        try {
            for (String c : commands) {
                stdin.write(c + "\n");
            }
            stdin.write(SYNC_COMMAND + "\n");
            stdin.flush();
        } catch (IOException e) {
            // jmxterm exited between the check above and the write: say how it ended, not "Broken pipe".
            throw new IOException("jmxterm is not running (" + exitOf(process) + ")", e);
        }
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            String line;
            try {
                line = output.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for jmxterm", e);
            }
            if (line == null) {
                staleSyncs++;
                throw new IOException("no answer in " + timeoutSeconds + " s; it printed: " + String.join(" | ", lines));
            }
            if (line.equals(END)) {
                // The write may still have fitted in the pipe before it ended: its status says why.
                throw new IOException("jmxterm exited (" + exitOf(process) + "); it printed: " + String.join(" | ", lines));
            }
            if (notOpenEnds && staleSyncs == 0 && line.startsWith(NOT_OPEN)) {
                return new Answer(lines, false);
            }
            if (line.startsWith(SYNC_ANSWER)) {
                if (staleSyncs == 0) {
                    return new Answer(lines, true);
                }
                staleSyncs--; // the late end of a batch that timed out: what came before it was its output
                lines.clear();
                continue;
            }
            if (!line.isBlank() && !line.startsWith(SYNC_HEADER) && !line.startsWith("Welcome to JMX terminal")) {
                lines.add(line);
            }
        }
    }

    /**
     * The commands of a jmxterm script file: its lines without comments and blank lines, the bean
     * names at their defaults ({@link #DEFAULT_NAMES}).
     */
    public static List<String> commandsOf(Path script) throws IOException {
        return commandsOf(script, Map.of());
    }

    /**
     * The script's commands with each {@code @NAME@} replaced, as {@code samples/jmxterm/jmx} does:
     * by {@code values}, else by {@link #DEFAULT_NAMES}.
     *
     * @throws IOException when a placeholder has no value
     */
    public static List<String> commandsOf(Path script, Map<String, String> values) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(DEFAULT_NAMES);
        all.putAll(values);
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (String line : lines) {
            for (Map.Entry<String, String> v : all.entrySet()) {
                line = line.replace("@" + v.getKey() + "@", v.getValue());
            }
            Matcher missing = PLACEHOLDER.matcher(line);
            if (missing.find()) {
                throw new IOException(script.getFileName() + " needs a value for " + missing.group());
            }
            out.add(line);
        }
        return out;
    }

    private void readOutput() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                output.add(line);
            }
        } catch (IOException e) {
            // the process went away: same as end of output
        } finally {
            output.add(END);
        }
    }

    @Override
    public void close() {
        try {
            stdin.write("quit\n");
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String exitOf(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? "exit " + process.exitValue() : "still running, its input closed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
