package io.lvsfeedback.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentCheckTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return AgentCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "vip=10.0.0.100,forwarding=tun        | 0 | lvs-agent settings OK |",
        "vip=10.0.0.100,forwarding=tun,port=x | 2 |                       | bad setting port=x: expected a whole number 0..65535 (agent arguments)",
    })
    void settingsGiveTheirExitAndLines(String args, int exit, String stdout, String stderr) {
        assertThat(run("check", args)).isEqualTo(exit);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(stdout == null ? "" : stdout + "\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(stderr == null ? "" : stderr + "\n1 problem\n");
    }

    @ParameterizedTest
    @CsvSource({"verify", "check --verbose", "check --config"})
    void aWrongCommandLineIsExit1WithTheUsage(String line) {
        assertThat(run(line.split(" "))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(AgentCheck.USAGE + "\n");
    }

    @org.junit.jupiter.api.Test
    void aConfigPathWithCommaAndEqualsIsOneSetting() {
        assertThat(run("check", "--config", "/nonexistent/a,b=c.properties")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("bad setting config=/nonexistent/a,b=c.properties: cannot read it: ");
    }
}
