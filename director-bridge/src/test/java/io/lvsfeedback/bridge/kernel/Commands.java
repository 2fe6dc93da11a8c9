package io.lvsfeedback.bridge.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command with a timeout and returns its output; a non-zero exit is an assertion failure. */
final class Commands {
    private Commands() {}

    static String run(String... command) {
        return run(120, List.of(command));
    }

    static String run(int timeoutSeconds, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(command + " exited " + p.exitValue() + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** Like {@link #run} but never fails: for cleanup. */
    static void quietly(String... command) {
        try {
            run(60, List.of(command));
        } catch (AssertionError ignored) {
            // cleanup of something that may not exist
        }
    }
}
