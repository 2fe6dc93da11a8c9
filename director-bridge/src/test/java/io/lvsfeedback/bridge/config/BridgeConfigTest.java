package io.lvsfeedback.bridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BridgeConfigTest {
    @TempDir
    Path dir;

    static BridgeConfig parse(String... kv) throws ConfigException {
        Map<String, String> m = new HashMap<>();
        m.put("allow-unauthenticated", "true");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return BridgeConfig.parse(m);
    }

    @Test
    void defaultsAreTheDocumentedOnes() throws ConfigException {
        BridgeConfig c = parse();
        assertThat(c.pollIntervalMillis()).isEqualTo(250);
        assertThat(c.pollTimeoutMillis()).isEqualTo(200);
        assertThat(c.agentSampleIntervalMillis()).isEqualTo(250);
        assertThat(c.dryRun()).isFalse();
        assertThat(c.httpPort()).isEqualTo(9180);
        assertThat(c.maxConcurrentPolls()).isEqualTo(64);
        ServiceSettings s = c.service(ServiceKey.parse("tcp:10.0.0.1:80"));
        assertThat(s.agentPorts()).containsExactly(3333);
        assertThat(s.policy().blackoutMillis()).isEqualTo(10_000);
        assertThat(s.policy().staleAfterMillis()).isEqualTo(5_000);
        assertThat(s.policy().maxStepPercent()).isEqualTo(50);
        assertThat(s.policy().deadBandPercent()).isEqualTo(0);
        assertThat(s.policy().weightLevels()).isEqualTo(20);
        assertThat(s.baseWeight()).isNull();
        assertThat(c.manages(ServiceKey.parse("fwm:7"))).isTrue();
        assertThat(c.stateFile()).isEqualTo(Path.of("/var/lib/lvs-feedback/bridge.state"));
        assertThat(c.stateFileDefaulted()).isTrue();
    }

    @ParameterizedTest(name = "state-file = ''{0}''")
    @CsvSource(value = {"none, ", "'', ", "/srv/bridge.state, /srv/bridge.state"})
    void aStateFileSetIsNotTheDefault(String value, String file) throws ConfigException {
        BridgeConfig c = parse("state-file", value);
        assertThat(c.stateFile()).isEqualTo(file == null ? null : Path.of(file));
        assertThat(c.stateFileDefaulted()).isFalse();
    }

    @Test
    void aStateFileThatIsNoPathIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> parse("state-file", "/var/lib/a\u0000b")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("'state-file' = '/var/lib/a\u0000b': not a valid path");
    }

    @Test
    void fileWithServiceSectionsAndOverridesOnTop() throws IOException, ConfigException {
        Path secret = Files.writeString(dir.resolve("key"), "0123456789abcdef0123\n");
        Path file = Files.writeString(dir.resolve("bridge.properties"), String.join("\n",
                "# comment", "services = tcp:10.0.0.10:*, fwm:5", "secret-file = " + secret,
                "poll-interval = 2s", "poll-timeout=1500ms", "blackout = 3s",
                "service.tcp:10.0.0.10:80.agent-port = 3333,3334",
                "service.tcp:10.0.0.10:80.dead-band-percent = 10",
                "destination.10.0.0.2:80.agent = 10.0.1.2:4444",
                "destination.10.0.0.2:80.base-weight = 7", ""));
        BridgeConfig c = BridgeConfig.load(file, Map.of("blackout", "4s"));
        assertThat(c.manages(ServiceKey.parse("tcp:10.0.0.10:443"))).isTrue();
        assertThat(c.manages(ServiceKey.parse("fwm:5"))).isTrue();
        assertThat(c.manages(ServiceKey.parse("fwm:55"))).isFalse();
        assertThat(c.manages(ServiceKey.parse("tcp:10.0.0.11:80"))).isFalse();
        assertThat(c.pollIntervalMillis()).isEqualTo(2000);
        ServiceSettings web = c.service(ServiceKey.parse("tcp:10.0.0.10:80"));
        assertThat(web.agentPorts()).containsExactly(3333, 3334);
        assertThat(web.policy().deadBandPercent()).isEqualTo(10);
        assertThat(web.policy().blackoutMillis()).isEqualTo(4000); // global override reaches sections
        assertThat(web.secret()).isNotNull();
        assertThat(c.service(ServiceKey.parse("fwm:5")).policy().deadBandPercent()).isEqualTo(0);
        assertThat(c.destination(DestinationKey.parse("10.0.0.2:80")).agent().getPort()).isEqualTo(4444);
        assertThat(c.destination(DestinationKey.parse("10.0.0.2:80")).baseWeight()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "poll-interval | fast | 'poll-interval' = 'fast': expected a duration",
            "poll-timeout | 5s | 'poll-timeout' (5000 ms) must be shorter than 'poll-interval'",
            "write-delay | 150ms | 'write-delay' (150 ms) must be 0, or at least 'poll-timeout' (200 ms)",
            "write-delay | 250ms | and shorter than 'poll-interval' (250 ms)",
            "write-delay | soon | 'write-delay' = 'soon': expected a duration",
            "min-weight | 0 | 'min-weight' = '0': must be 1..65535",
            "max-weight | 0 | 'max-weight' = '0': must be 1..",
            "dead-band-percent | -1 | 'dead-band-percent' = '-1': must be 0..100",
            "agent-port | 3333,99999 | 'agent-port' = '99999': must be 1..65535",
            "service.tcp:10.0.0.1:80.max-factor | 0.5 | 'service.tcp:10.0.0.1:80.max-factor' = '0.5'",
            "service.web.agent-port | 1 | 'web' is not a service key",
            "service.tcp:10.0.0.1:80.poll-interval | 1s | 'poll-interval' cannot be set per service",
            "destination.10.0.0.1.agent | 10.0.0.1:1 | a port is required",
            "destination.10.0.0.1:80.agent | somehost:1 | not a numeric IP address",
            "agent | 10.0.0.1:1 | per-destination setting",
            "poll-intervall | 1s | unknown setting 'poll-intervall'",
            "dry-run | maybe | 'dry-run' = 'maybe': expected true or false",
            "secret-file | /nonexistent/key | 'secret-file' = '/nonexistent/key': cannot read secret-file"})
    void badSettingsAreRejectedNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> parse(key, value)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void writeDelayIsOffByDefaultAndMayLieBetweenPollTimeoutAndPollInterval() throws Exception {
        assertThat(parse().writeDelayMillis()).isZero();
        assertThat(parse("write-delay", "200ms").writeDelayMillis()).isEqualTo(200);
        assertThat(parse("write-delay", "249ms").writeDelayMillis()).isEqualTo(249);
    }

    @ParameterizedTest
    @CsvSource({"secret-file", "state-file"})
    void aNulByteInAPathIsAConfigException(String key) {
        // Regression: InvalidPathException escaped parse (a stack trace at start, a stale reload status).
        assertThatThrownBy(() -> parse(key, "/etc/lvs\u0000key")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'" + key + "'").hasMessageContaining("not a valid path");
    }

    static Path fifo(Path dir) throws Exception {
        Path p = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor()).isZero();
        return p;
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoAsConfigurationFileIsRefusedAtOnce() throws Exception {
        // Regression: --config FIFO blocked the bridge's start forever.
        Path fifo = fifo(dir);
        assertThatThrownBy(() -> BridgeConfig.load(fifo, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("cannot read configuration file " + fifo + ": not a regular file (a FIFO)");
        assertThatThrownBy(() -> BridgeConfig.load(Path.of("/dev/zero"), Map.of()))
                .hasMessageContaining("/dev/zero: not a regular file (a character device)");
        assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of())).hasMessageContaining("(a directory)");
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoAsSecretFileIsRefusedNamingTheKey() throws Exception {
        // Regression: secret-file=FIFO blocked start (and a reload) forever.
        Path fifo = fifo(dir);
        assertThatThrownBy(() -> parse("service.fwm:5.secret-file", fifo.toString())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'service.fwm:5.secret-file' = '" + fifo + "'")
                .hasMessageContaining("not a regular file (a FIFO)");
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aStateFileThatIsNoRegularFileIsRefusedBeforeTheEngineReadsIt() throws Exception {
        // Regression: state-file=FIFO passed validation and then blocked the engine's first read.
        Path fifo = fifo(dir);
        assertThatThrownBy(() -> parse("state-file", fifo.toString())).isInstanceOf(ConfigException.class)
                .hasMessage("'state-file' = '" + fifo + "': " + fifo + ": not a regular file (a FIFO)");
        assertThatThrownBy(() -> parse("state-file", "/dev/zero")).hasMessageContaining("(a character device)");
        assertThat(parse("state-file", dir.resolve("not-yet").toString()).stateFile()).isEqualTo(dir.resolve("not-yet"));
    }

    @Test
    void aSecretFileOthersCanReadIsWarnedAbout() throws Exception {
        // Regression: a world-readable key was accepted without a word.
        Path key = Files.writeString(dir.resolve("key"), "0123456789abcdef0123\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(BridgeConfig.parse(Map.of("secret-file", key.toString())).warnings()).containsExactly(
                "'secret-file' = '" + key + "' is readable by its group and by everyone (mode 644):"
                        + " anyone who reads it can forge reports (chmod 600 it)");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThat(BridgeConfig.parse(Map.of("secret-file", key.toString())).warnings()).isEmpty();
    }

    @Test
    void noSecretAndNoUnauthenticatedAgentsIsRejected() {
        assertThatThrownBy(() -> BridgeConfig.parse(Map.of()))
                .hasMessageContaining("set 'secret-file' (or allow-unauthenticated=true)");
    }

    @Test
    void tooShortSecretIsRejected() throws IOException {
        Path secret = Files.writeString(dir.resolve("short"), "abc\n");
        assertThatThrownBy(() -> BridgeConfig.parse(Map.of("secret-file", secret.toString())))
                .hasMessageContaining("'secret-file'").hasMessageContaining("at least 16");
    }

    @Test
    void fileErrorsNameTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve("b.properties"), "allow-unauthenticated=true\njust words\n");
        assertThatThrownBy(() -> BridgeConfig.load(file, Map.of()))
                .hasMessageContaining("b.properties line 2: expected key=value, got 'just words'");
        Path twice = Files.writeString(dir.resolve("c.properties"), "blackout=1s\nblackout=2s\n");
        assertThatThrownBy(() -> BridgeConfig.load(twice, Map.of())).hasMessageContaining("line 2: 'blackout' is set twice");
    }

    @Test
    void withRevalidatesAndKeepsTheRest() throws ConfigException {
        BridgeConfig c = parse("blackout", "2s");
        BridgeConfig changed = c.with(Map.of("dead-band-percent", "20"));
        assertThat(changed.service(ServiceKey.parse("fwm:1")).policy().deadBandPercent()).isEqualTo(20);
        assertThat(changed.service(ServiceKey.parse("fwm:1")).policy().blackoutMillis()).isEqualTo(2000);
        assertThatThrownBy(() -> c.with(Map.of("dead-band-percent", "200"))).isInstanceOf(ConfigException.class);
    }

    @Test
    void ipv6DestinationsAreCanonical() throws ConfigException {
        BridgeConfig c = parse("destination.[2001:DB8:0::2]:80.base-weight", "3");
        assertThat(c.destination(DestinationKey.parse("[2001:db8::2]:80")).baseWeight()).isEqualTo(3);
    }

    @Test
    void serviceSectionsAreParsedOnceIntoTheKernelsKey() throws ConfigException {
        BridgeConfig c = parse("service.tcp:[2001:DB8:0::1]:80.dead-band-percent", "9");
        assertThat(c.service(ServiceKey.parse("tcp:[2001:db8::1]:80")).policy().deadBandPercent()).isEqualTo(9);
        assertThatThrownBy(() -> parse("service.tcp:10.0.0.1:99999.dead-band-percent", "9"))
                .hasMessageContaining("'tcp:10.0.0.1:99999' is not a service key: bad service 'tcp:10.0.0.1:99999'");
    }

    @Test
    void theExampleConfigurationIsValid() throws IOException, ConfigException {
        Path key = Files.writeString(dir.resolve("key"), "0123456789abcdef0123\n");
        BridgeConfig c = BridgeConfig.load(Path.of("bridge.properties"), Map.of("secret-file", key.toString()));
        assertThat(c.service(ServiceKey.parse("tcp:10.0.0.10:80")).agentPorts()).containsExactly(3333, 3334);
        assertThat(c.service(ServiceKey.parse("tcp:10.0.0.10:443")).policy().maxFactor()).isEqualTo(2.0);
        assertThat(c.manages(ServiceKey.parse("fwm:5"))).isTrue();
    }

    /** The configuration every director of samples/config/two-directors runs: valid, no dead band, fixed bases. */
    @Test
    void theTwoDirectorsSampleConfigurationIsValidAndKeepsNoDirectorHistory() throws IOException, ConfigException {
        Path key = Files.writeString(dir.resolve("key"), "0123456789abcdef0123\n");
        BridgeConfig c = BridgeConfig.load(Path.of("../samples/config/two-directors/bridge.properties"),
                Map.of("secret-file", key.toString()));
        ServiceKey vip = ServiceKey.parse("tcp:10.0.0.100:8080");
        assertThat(c.manages(vip)).isTrue();
        assertThat(c.service(vip).policy().deadBandPercent()).isZero();
        assertThat(c.pollIntervalMillis() % c.agentSampleIntervalMillis()).as("poll-interval a multiple of the agents' samples").isZero();
    }

    @Test
    void theReadmeShowsEveryDefault() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting s : Setting.values()) {
            if (!s.defaultValue().isEmpty()) {
                assertThat(readme).contains("| `" + s.key() + "` | `" + s.defaultValue() + "` |");
            }
        }
    }

    @Test
    void everySettingIsDocumentedInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting s : Setting.values()) {
            assertThat(readme).as("README documents %s", s.key()).contains("`" + s.key() + "`");
        }
    }
}
