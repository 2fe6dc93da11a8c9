package io.lvsfeedback.bridge.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secured remote JMX recipe (samples/bin/jmx-secure-setup) on a bridge JVM: this host has no
 * IPVS, so the child JVM runs the bridge's own start-up over an in-memory table ({@link JmxHarness});
 * its MXBeans are reached with the real jmxterm through samples/jmxterm/jmx over TLS with the
 * operator's password, and refused without credentials or with a wrong password.
 */
class BridgeSecuredJmxTest {
    private static final Path SETUP = Paths.get("../samples/bin/jmx-secure-setup");
    private static final Path JMX = Paths.get("../samples/jmxterm/jmx");

    @TempDir
    static Path tmp;
    private static Process bridge;
    private static int jmxPort;
    private static Map<String, String> client;

    @BeforeAll
    static void startABridgeWithSecuredJmx() throws Exception {
        jmxPort = freePortPair();
        Path dir = tmp.resolve("jmx");
        String setup = run(List.of(SETUP.toString(), "--dir", dir.toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(jmxPort)), Map.of());
        assertThat(setup).contains("-Dcom.sun.management.config.file=" + dir.resolve("management.properties"));
        client = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("client.env"))) {
            client.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        String classPath = String.join(File.pathSeparator, "target/test-classes", "target/classes",
                Files.readString(Paths.get("target/test-classpath.txt")).trim());
        Path out = tmp.resolve("bridge.out");
        // the JVM options exactly as the bridge's systemd unit gets them (EnvironmentFile=.../jvm.env)
        String jvmEnv = Files.readString(dir.resolve("jvm.env")).trim();
        assertThat(jvmEnv).startsWith("JMX_OPTS=-Dcom.sun.management.config.file=");
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        cmd.addAll(List.of(jvmEnv.substring("JMX_OPTS=".length()).split(" ")));
        cmd.addAll(List.of("-cp", classPath, JmxHarness.class.getName(), "600"));
        bridge = new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(bridge.isAlive()).as("bridge JVM alive: %s", Files.readString(out)).isTrue();
            assertThat(Files.readString(out)).contains("HARNESS-READY bridge=bridge");
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (bridge != null) {
            bridge.destroyForcibly();
            bridge.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theOperatorReadsAndPausesTheBridgeOverTls() throws Exception {
        assertThat(jmx(client, "bridge-report")).contains("Status = running;").contains("ServiceCount = 1;");
        assertThat(jmx(client, "bridge-destination", "SERVICE=tcp:10.0.0.10:80", "DEST=127.0.0.1:80"))
                .contains("AgentState = ready;").contains("BaseWeight = 100;");
        assertThat(jmx(client, "bridge-pause")).contains("Status = paused;");
        assertThat(jmx(client, "bridge-resume")).contains("Status = running;");
    }

    @Test
    void withoutCredentialsOrWithAWrongPasswordItIsRefused() throws Exception {
        Map<String, String> none = new HashMap<>(client);
        none.remove("JMX_USER");
        none.remove("JMX_PASSWORD");
        assertThat(jmx(none, "bridge-report")).contains("Credentials required").doesNotContain("Status = ");
        Map<String, String> wrong = new HashMap<>(client);
        wrong.put("JMX_PASSWORD", "x" + client.get("JMX_PASSWORD"));
        assertThat(jmx(wrong, "bridge-report")).contains("Invalid username or password").doesNotContain("Status = ");
    }

    private static String jmx(Map<String, String> env, String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JMX.toString(), "127.0.0.1:" + jmxPort, script));
        cmd.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(env);
        all.put("JMXTERM_JAR", jmxtermJar());
        all.put("JAVA", java());
        all.put("JMX_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        return run(cmd, all);
    }

    private static String run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("JMX_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s ended", cmd).isTrue();
        return out;
    }

    private static String jmxtermJar() throws Exception {
        // the test-scoped uber jar, found through its main class
        return Path.of(Class.forName("org.cyclopsgroup.jmxterm.boot.CliMain").getProtectionDomain().getCodeSource()
                .getLocation().toURI()).toString();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A port P with P + 1 free as well (the plain registry and the TLS connector). */
    private static int freePortPair() throws IOException {
        for (int i = 0; i < 50; i++) {
            int p;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                p = s.getLocalPort();
            }
            if (p < 65535) {
                try (ServerSocket next = new ServerSocket(p + 1, 1, InetAddress.getLoopbackAddress())) {
                    return p;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no two adjacent free ports");
    }
}
