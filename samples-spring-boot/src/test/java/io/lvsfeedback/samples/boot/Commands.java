package io.lvsfeedback.samples.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command (ip, ipvsadm, sysctl) with a timeout; a non-zero exit is an assertion failure. */
final class Commands {
    private Commands() {
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(List.of(command) + " did not finish within 120 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(List.of(command) + " exited " + p.exitValue() + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + List.of(command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + List.of(command), e);
        }
    }

    /** Like {@link #run} but never fails: for cleaning up what may not exist. */
    static void quietly(String... command) {
        try {
            run(command);
        } catch (AssertionError ignored) {
            // nothing to clean
        }
    }
}
