package io.lvsfeedback.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bridge.Main;
import io.lvsfeedback.bridge.poll.TestAgentServer;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PollCommandTest {
    static final String KEY = "poll-command-secret-0123456789";
    @TempDir
    Path dir;
    TestAgentServer agent;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        agent = TestAgentServer.start().reply(FeedbackReport.builder().state(AdminState.READY).weightPercent(90)
                .signal("capacity", 420).ports(List.of(8080)).host("rs1").sequence(12).build(), SharedSecret.of(KEY));
    }

    @AfterEach
    void stop() throws IOException {
        agent.close();
    }

    int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    String target() {
        return "127.0.0.1:" + agent.address().getPort();
    }

    @Test
    void printsTheAuthenticatedReport() throws IOException {
        Path key = Files.writeString(dir.resolve("key"), KEY + "\n");
        assertThat(run("poll", target(), "--secret-file", key.toString())).isZero();
        assertThat(out.toString()).contains("(authenticated,").contains("state          ready")
                .contains("weight         90%").contains("ports          [8080]").contains("capacity       420")
                .contains("host           rs1");
    }

    @Test
    void terminalEscapesFromAnAgentArePrintedEscaped() throws IOException {
        // Regression: an agent's reason and host reached the terminal with raw escape sequences.
        agent.reply(FeedbackReport.builder().state(AdminState.MAINT).weightPercent(0)
                .reason("x\u001b]0;owned\u0007\u001b[2Jgone \u202e\u009b").host("rs1\u001b[31m").build(), SharedSecret.of(KEY));
        Path key = Files.writeString(dir.resolve("key"), KEY + "\n");
        assertThat(run("poll", target(), "--secret-file", key.toString())).isZero();
        assertThat(out.toString()).doesNotContain("\u001b", "\u0007", "\u202e", "\u009b")
                .contains("state          maint (x\\x1b]0;owned\\x07\\x1b[2Jgone \\u202e\\x9b)")
                .contains("host           rs1\\x1b[31m");
    }

    @Test
    void aKeyOthersCanReadIsWarnedAbout() throws IOException {
        Path key = Files.writeString(dir.resolve("key"), KEY + "\n");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        assertThat(run("poll", target(), "--secret-file", key.toString())).isZero();
        assertThat(err.toString()).contains("warning: --secret-file " + key + " is readable by its group (mode 640)");
    }

    @Test
    void wrongSecretFailsWithTheReason() throws IOException {
        Path key = Files.writeString(dir.resolve("key"), "some-other-secret-0123456789\n");
        assertThat(run("poll", target(), "--secret-file", key.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("poll failed: ").contains("signature");
    }

    @Test
    void needsASecretOrExplicitlyUnauthenticated() {
        assertThat(run("poll", target())).isEqualTo(2);
        assertThat(err.toString()).contains("--secret-file");
        assertThat(run("poll", "not-an-ip", "--allow-unauthenticated")).isEqualTo(2);
        assertThat(err.toString()).contains("'not-an-ip': not a numeric IP address");
    }
}
