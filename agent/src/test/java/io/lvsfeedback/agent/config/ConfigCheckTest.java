package io.lvsfeedback.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check mode finds every problem, where the agent's start stops at the first. */
class ConfigCheckTest {
    @TempDir
    Path dir;

    @Test
    void everyBadArgumentIsReportedAtOnce() {
        assertThat(ConfigCheck.problems("vip=10.0.0.300,forwarding=direct,port=abc,colour=blue,drain-timeout=30", new Properties()))
                .containsExactly(
                        "bad setting colour=blue: unknown key in the agent arguments (known: config, "
                                + String.join(", ", ConfigLoader.defaults().keySet()) + ")",
                        "bad setting vip=10.0.0.300: '10.0.0.300' is not an IPv4 or IPv6 address (agent arguments)",
                        "bad setting forwarding=direct: expected one of dr, tun, nat (agent arguments)",
                        "bad setting port=abc: expected a whole number 0..65535 (agent arguments)",
                        "bad setting drain-timeout=30: expected a duration with unit ms, s or m (e.g. 500ms, 30s) (agent arguments)");
    }

    @Test
    void syntaxErrorsDoNotHideTheRest() {
        assertThat(ConfigCheck.problems("vip=10.0.0.1,justakey,=x,vip=10.0.0.2,port=-1", new Properties())).containsExactly(
                "bad setting justakey=: expected key=value",
                "bad setting =x: empty key in the agent arguments",
                "bad setting vip=10.0.0.2: given twice in the agent arguments (agent arguments)",
                "bad setting port=-1: expected a whole number 0..65535 (agent arguments)");
    }

    @Test
    void fileSettingsNameTheirLineAndArgumentsWin() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.properties"), "# comment\nvip = 10.0.0.100\nport = 99999\nweight.cpu=2\n");
        assertThat(ConfigCheck.problems("config=" + file + ",port=3334", new Properties())).containsExactly(
                "bad setting weight.cpu=2: expected a number 0.0..1.0 (config file " + file + " line 4)");
        assertThat(ConfigCheck.problems("config=" + file, new Properties())).containsExactly(
                "bad setting port=99999: expected a whole number 0..65535 (config file " + file + " line 3)",
                "bad setting weight.cpu=2: expected a number 0.0..1.0 (config file " + file + " line 4)");
    }

    @Test
    void aRuleAcrossSettingsIsReportedLast() {
        Properties sys = new Properties();
        sys.setProperty("lvsfeedback.network", "configure");
        assertThat(ConfigCheck.problems("gc-limit=2", sys)).containsExactly(
                "bad setting gc-limit=2: expected a number 0.001..1.0 (agent arguments)",
                "bad setting vip=: network=configure with forwarding=dr needs at least one vip");
    }

    @Test
    void anUnreadableFileOrSecretIsAProblem() throws IOException {
        assertThat(ConfigCheck.problems("config=" + dir.resolve("missing"), new Properties()))
                .singleElement().asString().startsWith("bad setting config=" + dir.resolve("missing") + ": cannot read it: ");
        Path shortKey = Files.writeString(dir.resolve("key"), "abc\n");
        assertThat(ConfigCheck.problems("secret-file=" + shortKey, new Properties())).singleElement().asString()
                .startsWith("bad setting secret-file=" + shortKey + ": the agent could not load it: ")
                .contains("at least 16").endsWith("(agent arguments)");
    }

    @Test
    void validSettingsHaveNoProblem() throws IOException {
        Path key = Files.writeString(dir.resolve("key"), "agent-check-secret-0123456789\n");
        assertThat(ConfigCheck.problems("vip=10.0.0.100,forwarding=dr,network=configure,secret-file=" + key, new Properties()))
                .isEmpty();
    }
}
