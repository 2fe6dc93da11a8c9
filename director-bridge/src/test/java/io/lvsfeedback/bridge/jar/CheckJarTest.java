package io.lvsfeedback.bridge.jar;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.testfixtures.ChildJar;
import io.lvsfeedback.testfixtures.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    Path readable(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        file.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        return file;
    }

    @Test
    void theJarPrintsEveryProblemWithExit2() throws Exception {
        Path file = readable("bad.properties", "poll-interval = 100ms\npoll-timeout = 100ms\nweight-levels = many\nservices = ,\n");
        Commands.Result r = ChildJar.run(JAR, "check", "--config", file.toString());
        assertThat(r.status).isEqualTo(2);
        assertThat(r.stderr.lines()).containsExactly(
                file + " line 2: 'poll-timeout' (100 ms) must be shorter than 'poll-interval' (100 ms): a poll must end before the next cycle",
                file + " line 3: 'weight-levels' = 'many': not an integer",
                file + " line 4: 'services' = ',': empty entry in the list",
                "set 'secret-file' (or allow-unauthenticated=true): without either no agent can be trusted",
                file + ": 4 problems");
    }
}
