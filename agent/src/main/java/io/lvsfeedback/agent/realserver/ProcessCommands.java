package io.lvsfeedback.agent.realserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Runs a short system command with a time limit, capturing its output for the error message. */
final class ProcessCommands implements SystemCommands {
    private static final int MAX_OUTPUT = 4096;

    private final Duration timeout;

    ProcessCommands(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void run(List<String> command) throws EnvironmentException {
        String shown = String.join(" ", command);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new EnvironmentException("cannot run '" + shown + "': " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new EnvironmentException("'" + shown + "' did not finish within " + timeout);
            }
            String output = readSome(process.getInputStream());
            int exit = process.exitValue();
            if (exit == 0) {
                return;
            }
            String message = "'" + shown + "' failed (exit " + exit + ")" + (output.isEmpty() ? "" : ": " + output);
            String lower = output.toLowerCase(Locale.ROOT);
            if (lower.contains("operation not permitted") || lower.contains("permission denied")) {
                throw new NotPermittedException(message);
            }
            throw new EnvironmentException(message);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while running '" + shown + "'");
        } catch (IOException e) {
            throw new EnvironmentException("cannot read the output of '" + shown + "': " + e.getMessage());
        }
    }

    private static String readSome(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[512];
        int n;
        while (out.size() < MAX_OUTPUT && (n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8).trim().replace('\n', ' ');
    }
}
