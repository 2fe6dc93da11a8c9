package io.lvsfeedback.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A long-lived child process of a test (an application JVM with the agent, a server): stdout and
 * stderr go to {@code target/child-jvm/NAME.out} and {@code .err}, so a chatty child never blocks on
 * a pipe and its output stays for the reader of a failed build. Always closed by the test.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Path OUTPUT_DIR = Paths.get("target/child-jvm");
    /** Output quoted in assertion messages, from the end. */
    private static final int TAIL = 6000;

    private final Process process;
    private final Path out;
    private final Path err;

    private ChildProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code command}; {@code name} names its output files. */
    public static ChildProcess start(String name, List<String> command) throws IOException {
        return start(OUTPUT_DIR, name, command);
    }

    /**
     * The same with the output files in {@code dir}: in the lab guest the module's target/ is
     * read-only, so kernel tests keep their children's output under LAB_RESULTS or /tmp.
     */
    public static ChildProcess start(Path dir, String name, List<String> command) throws IOException {
        Files.createDirectories(dir);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ChildProcess(p, out, err);
    }

    public String stdout() {
        return read(out);
    }

    public String stderr() {
        return read(err);
    }

    /** The ends of both outputs, for assertion messages. */
    public String output() {
        return "\n--- stdout\n" + tail(stdout()) + "\n--- stderr\n" + tail(stderr());
    }

    /**
     * Waits until stdout matches {@code pattern} and returns the match; fails at once, with the
     * output, when the process ends first.
     */
    public Matcher awaitStdout(Pattern pattern, Duration atMost) {
        Matcher[] found = new Matcher[1];
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the child process ended (status " + process.exitValue() + ")" + output());
            }
            Matcher m = pattern.matcher(stdout());
            if (!m.find()) {
                throw new AssertionError("no '" + pattern + "' in its stdout yet");
            }
            found[0] = m;
        });
        return found[0];
    }

    public Process process() {
        return process;
    }

    /** Asks the process to stop (SIGTERM: shutdown hooks run), waits, and returns its exit status. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child process did not stop within " + timeout);
        }
        return process.exitValue();
    }

    /** SIGKILL at once (no shutdown hooks), for a test that has what it needs. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then SIGKILL when it has not ended within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String s) {
        return s.length() <= TAIL ? s : "..." + s.substring(s.length() - TAIL);
    }
}
