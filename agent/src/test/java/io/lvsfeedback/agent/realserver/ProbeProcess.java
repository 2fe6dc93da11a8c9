package io.lvsfeedback.agent.realserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link NetnsProbe} child JVM started through a prefix such as {@code ip netns exec NS [setpriv ...]}. */
final class ProbeProcess implements AutoCloseable {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path stderr;

    private ProbeProcess(List<String> command) throws IOException {
        stderr = Files.createTempFile("netns-probe", ".err");
        process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "netns-probe-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the probe with the given prefix and class path. */
    static ProbeProcess start(List<String> prefix, String classPath) {
        List<String> command = new ArrayList<>(prefix);
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:-UsePerfData");
        command.add("-cp");
        command.add(classPath);
        command.add(NetnsProbe.class.getName());
        try {
            return new ProbeProcess(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("ERROR\tstdout closed: " + e);
        }
    }

    /** Sends a command and returns the lines of its answer (without {@code END}). */
    List<String> send(String command) {
        try {
            stdin.write(command + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException("probe is gone: " + stderr(), e);
        }
        return readUntil("END");
    }

    /** The lines up to the next {@code marker} line, skipping nothing; fails after a generous timeout. */
    List<String> readUntil(String marker) {
        List<String> answer = new ArrayList<>();
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (line == null) {
                throw new IllegalStateException("no '" + marker + "' from the probe; got " + answer + "; stderr: " + stderr());
            }
            if (line.equals(marker)) {
                return answer;
            }
            if (line.startsWith("ERROR")) {
                throw new IllegalStateException("probe: " + line + "; stderr: " + stderr());
            }
            answer.add(line);
        }
    }

    /** Parses {@code TAG OK|FAIL name expected actual fix} lines with the given tag into checks. */
    static List<Check> checks(String tag, List<String> answer) {
        List<Check> checks = new ArrayList<>();
        for (String line : answer) {
            String[] f = line.split("\t", -1);
            if (f[0].equals(tag)) {
                checks.add(new Check(f[2], f[3], f[4], f[1].equals("OK"), f[5]));
            }
        }
        return checks;
    }

    String stderr() {
        try {
            return new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // Already gone.
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException e) {
            // A temp file left behind is harmless.
        }
    }
}
