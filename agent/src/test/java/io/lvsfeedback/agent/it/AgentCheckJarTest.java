package io.lvsfeedback.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.testfixtures.ChildJar;
import io.lvsfeedback.testfixtures.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    @Test
    void everyProblemOfArgumentsAndFileExit2() throws Exception {
        Path file = Files.writeString(dir.resolve("agent.properties"), "forwarding = tunnel\nmin-weight = 101\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Commands.Result r = ChildJar.run(ChildJvm.AGENT_JAR, "check", "vip=10.0.0.100,port=70000", "--config",
                file.toString());
        assertThat(r.status).isEqualTo(2);
        assertThat(r.stderr.lines()).containsExactly(
                "bad setting forwarding=tunnel: expected one of dr, tun, nat (config file " + file + " line 1)",
                "bad setting port=70000: expected a whole number 0..65535 (agent arguments)",
                "bad setting min-weight=101: expected a whole number 0..100 (config file " + file + " line 2)",
                "3 problems");
        assertThat(r.stdout).isEmpty();
    }
}
