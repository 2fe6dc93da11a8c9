package io.lvsfeedback.netlink.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command (ip, ipvsadm) with a time bound; a failure names the command and its stderr. */
final class ProcessRunner {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ProcessRunner() {
    }

    /** Runs the command and returns its stdout; throws when it exits non-zero or overruns the timeout. */
    static String run(String... command) {
        List<String> argv = Arrays.asList(command);
        Path stderr = null;
        try {
            // stderr goes to a file so a chatty command can never block on a full pipe while we read stdout.
            stderr = Files.createTempFile("lab-cmd", ".err");
            Process process = new ProcessBuilder(argv).redirectError(stderr.toFile()).start();
            process.getOutputStream().close();
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(argv + " did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(argv + " exited " + process.exitValue() + ": "
                        + Files.readString(stderr, StandardCharsets.UTF_8).trim());
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        } finally {
            deleteQuietly(stderr);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stray temp file in the guest's tmpfs disappears with the VM
        }
    }
}
