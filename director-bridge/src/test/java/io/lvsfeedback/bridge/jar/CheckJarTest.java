package io.lvsfeedback.bridge.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar director-bridge.jar check} as an operator runs it: a child JVM, as a user without root.
 * (A valid file: packaging's PackagesTest checks the packaged configuration with the packaged jar.)
 */
@Tag("jar")
class CheckJarTest {
    static final Path JAR = Path.of(System.getProperty("lvsfeedback.test.bridgeJar", "target/director-bridge.jar"));
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {}

    static Result check(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "check"));
        cmd.addAll(List.of(args));
        // setpriv drops root when the test runs as root: check must need no privilege.
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            cmd.addAll(0, List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all"));
        }
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("check did not end within 60 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    Path readable(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        file.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        return file;
    }

    @Test
    void theJarPrintsEveryProblemWithExit2() throws Exception {
        Path file = readable("bad.properties", "poll-interval = 100ms\npoll-timeout = 100ms\nweight-levels = many\nservices = ,\n");
        Result r = check("--config", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
                file + " line 2: 'poll-timeout' (100 ms) must be shorter than 'poll-interval' (100 ms): a poll must end before the next cycle",
                file + " line 3: 'weight-levels' = 'many': not an integer",
                file + " line 4: 'services' = ',': empty entry in the list",
                "set 'secret-file' (or allow-unauthenticated=true): without either no agent can be trusted",
                file + ": 4 problems");
    }
}
