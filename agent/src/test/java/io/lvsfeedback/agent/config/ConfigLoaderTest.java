package io.lvsfeedback.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lvsfeedback.agent.realserver.Forwarding;
import io.lvsfeedback.agent.realserver.NetworkMode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    private static final Properties NO_SYSPROPS = new Properties();

    @Test
    void defaultsComeFromTheResourceFile() throws Exception {
        AgentConfig c = ConfigLoader.load("", NO_SYSPROPS);
        assertThat(c.port()).isEqualTo(3333);
        assertThat(c.bind()).isEqualTo(InetAddress.getByName("0.0.0.0"));
        assertThat(c.forwarding()).isEqualTo(Forwarding.DR);
        assertThat(c.network()).isEqualTo(NetworkMode.VERIFY);
        assertThat(c.vips()).isEmpty();
        assertThat(c.interfaces()).isEmpty();
        assertThat(c.jmx()).isTrue();
        assertThat(c.requestWait()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.readTimeout()).isEqualTo(Duration.ofMillis(1000));
        assertThat(c.maxConnections()).isEqualTo(256);
        assertThat(c.bridges()).isEmpty();
        assertThat(c.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.smoothing()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.secretFile()).isNull();
        assertThat(c.checkPaths()).isEmpty();
        assertThat(c.meter()).isEqualTo("http.server.requests");
        assertThat(c.serverStats()).isTrue();
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void configFifoIsRefusedAtOnce(@TempDir Path dir) throws Exception {
        // Regression: config=FIFO blocked the agent's start forever.
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
        assertThatThrownBy(() -> ConfigLoader.load("config=" + fifo, NO_SYSPROPS)).isInstanceOf(ConfigException.class)
                .hasMessage("bad setting config=" + fifo + ": cannot read it: " + fifo + ": not a regular file (a FIFO)");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void configDevZeroADirectoryAndAHugeFileAreRefused(@TempDir Path dir) throws Exception {
        // Regression: config=/dev/zero (or a huge file) filled the application's heap.
        assertThatThrownBy(() -> ConfigLoader.load("config=/dev/zero", NO_SYSPROPS))
                .hasMessage("bad setting config=/dev/zero: cannot read it: /dev/zero: not a regular file (a character device)");
        assertThatThrownBy(() -> ConfigLoader.load("config=" + dir, NO_SYSPROPS))
                .hasMessageContaining(dir + ": not a regular file (a directory)");
        Path big = dir.resolve("big.properties");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(4L << 30);
        }
        assertThatThrownBy(() -> ConfigLoader.load("config=" + big, NO_SYSPROPS))
                .hasMessageContaining(big + ": 4294967296 bytes, more than the 1048576 bytes allowed");
    }

    @Test
    void bridgesAreAddresses() throws Exception {
        assertThat(ConfigLoader.load("bridges=10.0.0.1;[2001:db8::1]", NO_SYSPROPS).bridges())
                .containsExactly(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("2001:db8::1"));
        assertThatThrownBy(() -> ConfigLoader.load("bridges=director1", NO_SYSPROPS))
                .hasMessageContaining("bad setting bridges=director1").hasMessageContaining("not an IPv4 or IPv6 address");
    }

    @Test
    void everyDefaultKeyIsParsedByTheConfig() {
        // The resource file is the one list of keys; AgentConfig must read each of them.
        assertThat(ConfigLoader.defaults().keySet()).containsExactlyInAnyOrder(
                "vip", "forwarding", "network", "director", "interfaces", "port", "bind", "secret-file", "jmx", "jmx-name",
                "request-wait", "read-timeout", "max-connections", "bridges", "drain-timeout", "reverify-interval",
                "sample-interval", "smoothing", "capacity-expiry", "idle-probe", "gc-window", "gc-limit", "heap-high", "weight.cpu", "weight.gc",
                "weight.heap", "weight.pool", "min-weight", "meter", "server-stats", "check.path", "check.timeout", "check.interval", "sysctl-root",
                "shared-dir");
    }

    @Test
    void argumentsBeatFileBeatSystemPropertiesBeatDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "port=2000\nmax-connections=5\nsmoothing=3s\n");
        Properties sys = new Properties();
        sys.setProperty("lvsfeedback.port", "1000");
        sys.setProperty("lvsfeedback.max-connections", "4");
        sys.setProperty("lvsfeedback.read-timeout", "700ms");
        sys.setProperty("lvsfeedback.gc-window", "20s");
        AgentConfig c = ConfigLoader.load("config=" + file + ",port=3000", sys);
        assertThat(c.port()).isEqualTo(3000);                              // argument
        assertThat(c.maxConnections()).isEqualTo(5);                      // file over system property
        assertThat(c.smoothing()).isEqualTo(Duration.ofSeconds(3));       // file
        assertThat(c.readTimeout()).isEqualTo(Duration.ofMillis(700));    // system property
        assertThat(c.gcWindow()).isEqualTo(Duration.ofSeconds(20));       // system property
        assertThat(c.drainTimeout()).isEqualTo(Duration.ofSeconds(30));   // default
    }

    @Test
    void configFileCanComeFromASystemProperty(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "port=2001\n");
        Properties sys = new Properties();
        sys.setProperty("lvsfeedback.config", file.toString());
        assertThat(ConfigLoader.load(null, sys).port()).isEqualTo(2001);
    }

    @Test
    void parsesListsAndAddresses() throws Exception {
        AgentConfig c = ConfigLoader.load("vip=10.1.2.3;2001:db8::10,forwarding=TUN,network=configure,"
                + "interfaces=eth0;eth1,director=192.168.1.1,check.path=/mnt/a;/mnt/b,jmx=off,bind=::1", NO_SYSPROPS);
        assertThat(c.vips()).containsExactly(InetAddress.getByName("10.1.2.3"), InetAddress.getByName("2001:db8::10"));
        assertThat(c.forwarding()).isEqualTo(Forwarding.TUN);
        assertThat(c.network()).isEqualTo(NetworkMode.CONFIGURE);
        assertThat(c.interfaces()).containsExactly("eth0", "eth1");
        assertThat(c.director()).isEqualTo(InetAddress.getByName("192.168.1.1"));
        assertThat(c.checkPaths()).containsExactly(Path.of("/mnt/a"), Path.of("/mnt/b"));
        assertThat(c.jmx()).isFalse();
        assertThat(c.bind()).isEqualTo(InetAddress.getByName("::1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "port=abc|port|abc",
        "port=65536|port|65536",
        "port=-1|port|-1",
        "vip=10.0.0.300|vip|10.0.0.300",
        "vip=example.com|vip|example.com",
        "vip=10.0.0.1;10.0.0.1|vip|10.0.0.1;10.0.0.1",
        "forwarding=masq|forwarding|masq",
        "network=maybe|network|maybe",
        "jmx=perhaps|jmx|perhaps",
        "jmx-name=a*b|jmx-name|a*b",
        "bind=|bind|''",
        "bind=localhost|bind|localhost",
        "drain-timeout=30|drain-timeout|30",
        "drain-timeout=2h|drain-timeout|2h",
        "request-wait=11s|request-wait|11s",
        "read-timeout=0ms|read-timeout|0ms",
        "max-connections=0|max-connections|0",
        "smoothing=-1s|smoothing|-1s",
        "weight.cpu=1.5|weight.cpu|1.5",
        "weight.gc=NaN|weight.gc|NaN",
        "gc-limit=0|gc-limit|0",
        "heap-high=0.4|heap-high|0.4",
        "min-weight=101|min-weight|101",
        "interfaces=eth0;bad name|interfaces|eth0;bad name",
        "interfaces=averyveryverylongname|interfaces|averyveryverylongname",
        "unknown-key=1|unknown-key|1",
        "network=configure|vip|''",
    })
    void badValuesNameKeyAndValue(String args, String key, String value) {
        assertThatThrownBy(() -> ConfigLoader.load(args, NO_SYSPROPS))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    ConfigException ce = (ConfigException) e;
                    assertThat(ce.key()).isEqualTo(key);
                    assertThat(ce.value()).isEqualTo(value);
                    assertThat(ce.getMessage()).startsWith("bad setting " + key + "=" + value + ": ");
                });
    }

    @Test
    void unknownKeyInFileNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "prot=1\n");
        assertThatThrownBy(() -> ConfigLoader.load("config=" + file, NO_SYSPROPS))
                .hasMessageContaining("prot=1").hasMessageContaining(file.toString());
    }

    @Test
    void missingConfigFileIsAClearError() {
        assertThatThrownBy(() -> ConfigLoader.load("config=/nonexistent/agent.properties", NO_SYSPROPS))
                .hasMessageStartingWith("bad setting config=/nonexistent/agent.properties: cannot read it");
    }

    @Test
    void badSystemPropertyIsNamedToo() {
        Properties sys = new Properties();
        sys.setProperty("lvsfeedback.port", "x");
        assertThatThrownBy(() -> ConfigLoader.load("", sys)).hasMessageStartingWith("bad setting port=x");
    }

    @Test
    void natNeedsNoVip() throws Exception {
        assertThat(ConfigLoader.load("forwarding=nat,network=configure", NO_SYSPROPS).vips()).isEqualTo(List.of());
    }

    @ParameterizedTest
    @CsvSource({"0s, 0", "3s, 3000", "60m, 3600000"})
    void capacityExpiryIsReadWithinItsRange(String text, long millis) throws Exception {
        assertThat(ConfigLoader.load("capacity-expiry=" + text, NO_SYSPROPS).capacityExpiry()).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"-1s", "61m", "99999999999999999999d", "3", "soon"})
    void capacityExpiryOutOfRangeOrNotADurationIsAConfigErrorNamingTheKey(String text) {
        assertThatThrownBy(() -> ConfigLoader.load("capacity-expiry=" + text, NO_SYSPROPS)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("capacity-expiry");
    }

    @Test
    void idleProbeIsOffByDefaultAndReadAsAnHttpUrl() throws Exception {
        assertThat(ConfigLoader.load("", NO_SYSPROPS).idleProbe()).isNull();
        assertThat(ConfigLoader.load("idle-probe=http://127.0.0.1:8080/work?x=1", NO_SYSPROPS).idleProbe())
                .hasToString("http://127.0.0.1:8080/work?x=1");
        assertThat(ConfigLoader.load("idle-probe=http://localhost", NO_SYSPROPS).idleProbe()).hasToString("http://localhost:80/");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://127.0.0.1/health   | plain HTTP",
        "127.0.0.1:8080/health      | not a URL",
        "ftp://127.0.0.1/health     | plain HTTP",
        "http://user@127.0.0.1/     | without user",
        "http://127.0.0.1:99999/    | port",
        "http:///nohost             | http://HOST",
        "http://127.0.0.1/a b       | not a URL",
    })
    void aBadIdleProbeIsAConfigErrorNamingTheKeyAndTheProblem(String text, String problem) {
        assertThatThrownBy(() -> ConfigLoader.load("idle-probe=" + text, NO_SYSPROPS)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("idle-probe").hasMessageContaining(problem);
    }
}
