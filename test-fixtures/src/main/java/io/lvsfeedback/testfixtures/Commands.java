package io.lvsfeedback.testfixtures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one runner of external commands (ip, ipvsadm, modprobe) for every module's tests: bounded in
 * time; stderr goes to a file, so a chatty command can never block on a full pipe while we read stdout.
 */
public final class Commands {
    private static final int DEFAULT_TIMEOUT_SECONDS = 120;

    private Commands() {
    }

    /** Runs the command and returns its stdout; an IllegalStateException with its stderr when it exits non-zero. */
    public static String run(String... command) {
        return run(DEFAULT_TIMEOUT_SECONDS, List.of(command));
    }

    public static String run(int timeoutSeconds, List<String> command) {
        Result result = exec(command, timeoutSeconds);
        if (result.status != 0) {
            throw new IllegalStateException(command + " exited " + result.status + ": " + result.output);
        }
        return result.stdout;
    }

    /** Like {@link #run} but never fails: for cleanup of what may not exist. */
    public static void quietly(String... command) {
        exec(List.of(command), 60);
    }

    /** Runs and returns status and output, whatever the status; throws only when it cannot run or overruns. */
    public static Result exec(List<String> command, int timeoutSeconds) {
        Path stderr = null;
        try {
            stderr = Files.createTempFile("test-cmd", ".err");
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            process.getOutputStream().close();
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        } finally {
            if (stderr != null) {
                stderr.toFile().delete();
            }
        }
    }

    /** Exit status and output of a finished command. */
    public static final class Result {
        public final int status;
        public final String stdout;
        public final String stderr;
        /** stdout then stderr, for messages. */
        public final String output;

        Result(int status, String stdout, String stderr) {
            this.status = status;
            this.stdout = stdout;
            this.stderr = stderr;
            this.output = stdout + stderr;
        }
    }
}
