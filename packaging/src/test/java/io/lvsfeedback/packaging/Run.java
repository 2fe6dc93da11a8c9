package io.lvsfeedback.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command run to its end (bounded), with its exit status and output. */
record Run(int exit, String out, String err) {
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    static final int NOBODY = 65534;

    static Run of(List<String> command) throws IOException, InterruptedException {
        return of(command, Map.of());
    }

    static Run of(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(command + " did not end within 120 s");
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * The command as the unit's {@code User=} with {@code AmbientCapabilities=CAP_NET_ADMIN} would
     * run it: as nobody with only that capability when the test runs as root, else as is.
     */
    static List<String> asServiceUser(List<String> command) {
        List<String> out = new ArrayList<>();
        if (ROOT && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            out.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                    "--inh-caps=-all,+net_admin", "--ambient-caps=-all,+net_admin", "--bounding-set=-all,+net_admin"));
        }
        out.addAll(command);
        return out;
    }
}
