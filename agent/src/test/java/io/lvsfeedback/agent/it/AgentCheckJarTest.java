package io.lvsfeedback.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar lvs-agent.jar check ...} in a child JVM, as an unprivileged user when the test runs as root
 * (valid settings: packaging's PackagesTest, with the packaged jar; the command line: AgentCheckTest).
 */
@Tag("jar")
class AgentCheckJarTest {
    @TempDir
    Path dir;

    static final class Result {
        final int exit;
        final String out;
        final String err;

        Result(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }
    }

    static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", ChildJvm.AGENT_JAR.toString()));
        cmd.addAll(Arrays.asList(args));
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

    @Test
    void everyProblemOfArgumentsAndFileExit2() throws Exception {
        Path file = Files.writeString(dir.resolve("agent.properties"), "forwarding = tunnel\nmin-weight = 101\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result r = run("check", "vip=10.0.0.100,port=70000", "--config", file.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.lines()).containsExactly(
                "bad setting forwarding=tunnel: expected one of dr, tun, nat (config file " + file + " line 1)",
                "bad setting port=70000: expected a whole number 0..65535 (agent arguments)",
                "bad setting min-weight=101: expected a whole number 0..100 (config file " + file + " line 2)",
                "3 problems");
        assertThat(r.out).isEmpty();
    }
}
