package io.lvsfeedback.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bridge.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void aValidFileIsOkWithItsWarnings() throws IOException {
        Path key = Files.writeString(dir.resolve("key"), "check-command-secret-0123456789\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Path file = Files.writeString(dir.resolve("bridge.properties"), "secret-file = " + key + "\nblackout = 2s\n");
        assertThat(run("check", "--config", file.toString())).isZero();
        assertThat(out.toString()).isEqualTo(file + ": OK (2 settings)\n");
        assertThat(err.toString()).startsWith("warning: 'secret-file' = '" + key + "' is readable by its group and by everyone");
    }

    @Test
    void everyProblemIsPrintedWithItsLineAndTheExitIs2() throws IOException {
        Path file = Files.writeString(dir.resolve("bridge.properties"),
                "allow-unauthenticated = true\nmin-weight = 0\nblackout = later\nhttp-port = -1\n");
        assertThat(run("check", "--config", file.toString(), "--set", "dead-band-percent=101")).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                file + " line 2: 'min-weight' = '0': must be 1..65535",
                file + " line 3: 'blackout' = 'later': expected a duration such as 500ms, 2s or 1m",
                file + " line 4: 'http-port' = '-1': must be 0..65535",
                "--set: 'dead-band-percent' = '101': must be 0..100",
                file + ": 4 problems");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFileIsOneProblem() {
        assertThat(run("check", "--config", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read configuration file " + dir.resolve("nope")).contains(": 1 problem\n");
    }

    @Test
    void runReportsEveryProblemToo() throws IOException {
        // run shares the loading: it stops at the configuration (exit 2) before opening netlink.
        Path file = Files.writeString(dir.resolve("bridge.properties"), "min-weight = 0\nmax-factor = 0\n");
        assertThat(run("run", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "configuration error: " + file + " line 1: 'min-weight' = '0': must be 1..65535",
                "configuration error: " + file + " line 2: 'max-factor' = '0': must be 1.0..1000.0",
                "configuration error: set 'secret-file' (or allow-unauthenticated=true): without either no agent can be trusted");
    }
}
