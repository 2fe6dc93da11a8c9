package io.lvsfeedback.testfixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar JAR ARGS} in a child JVM as an operator runs it: as nobody without capabilities
 * when the test runs as root (a command that an operator runs must need no privilege), bounded in
 * time ({@link Commands#exec}).
 */
public final class ChildJar {
    /** A JVM start in a busy or emulated machine takes seconds; a check that takes this long is stuck. */
    private static final int TIMEOUT_SECONDS = 60;

    private ChildJar() {
    }

    /** Runs the jar to its end and returns its status, stdout and stderr. */
    public static Commands.Result run(Path jar, String... args) {
        List<String> command = new ArrayList<>(Arrays.asList(java().toString(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(Arrays.asList(args));
        return Commands.exec(unprivileged(command), TIMEOUT_SECONDS);
    }

    /** The java launcher of the JVM running the tests. */
    public static Path java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java");
    }

    /** {@code command} run as nobody with no capabilities when the test runs as root; else as is. */
    public static List<String> unprivileged(List<String> command) {
        List<String> out = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Paths.get("/usr/bin/setpriv"))) {
            out.addAll(Arrays.asList("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all"));
        }
        out.addAll(command);
        return out;
    }
}
