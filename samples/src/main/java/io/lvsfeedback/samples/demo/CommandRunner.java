package io.lvsfeedback.samples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short external command (ipvsadm, jmxterm) with a time limit and returns its output. */
public final class CommandRunner {

    private CommandRunner() {
    }

    /** The result of one command: exit status (-1 on time-out or when it cannot run) and stdout+stderr. */
    public record Result(int status, String output) {
        public boolean ok() {
            return status == 0;
        }
    }

    public static Result run(List<String> command, long timeoutSeconds) {
        Path out = null;
        try {
            // Output goes to a file, so a command that hangs cannot block us past the time limit.
            out = Files.createTempFile("lvs-demo-cmd", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, Files.readString(out, StandardCharsets.UTF_8) + "\n(timed out after "
                        + timeoutSeconds + " s)");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a left-over temp file in /tmp is harmless
                }
            }
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }
}
