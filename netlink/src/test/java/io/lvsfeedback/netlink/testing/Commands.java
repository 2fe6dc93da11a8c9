package io.lvsfeedback.netlink.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host command with a timeout and returns its output; tests use it to cross-check with ip(8). */
public final class Commands {
    private Commands() {
    }

    /** Runs and fails with the output when the exit status is not 0. */
    public static String run(String... command) {
        Result result = exec(List.of(command), 60);
        if (result.status != 0) {
            throw new IllegalStateException(Arrays.toString(command) + " exited " + result.status + ": " + result.output);
        }
        return result.output;
    }

    /** Runs and returns status and merged output, whatever the status. */
    public static Result exec(List<String> command, int timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    /** Exit status and merged stdout/stderr of a finished command. */
    public static final class Result {
        public final int status;
        public final String output;

        Result(int status, String output) {
            this.status = status;
            this.output = output;
        }
    }
}
