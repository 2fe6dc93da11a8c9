package io.lvsfeedback.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented secured remote JMX recipe (samples/bin/jmx-secure-setup: password and access
 * files, TLS keystore made by keytool) on a real application JVM with the agent, reached with the
 * real jmxterm through samples/jmxterm/jmx: it connects with the operator's credentials and the
 * truststore; without credentials, with a wrong password or without the truststore it is refused;
 * the read-only user cannot drain.
 */
@Tag("jar")
class SecuredJmxTest {
    private static final Path SETUP = Paths.get("../samples/bin/jmx-secure-setup");
    private static final Path JMX = Paths.get("../samples/jmxterm/jmx");

    @TempDir
    static Path tmp;
    private static ChildJvm app;
    private static int jmxPort;
    private static String agentName;
    private static Path dir;
    private static Map<String, String> client;

    @BeforeAll
    static void startTheApplicationWithSecuredJmx() throws Exception {
        jmxPort = freePortPair();
        dir = tmp.resolve("jmx");
        Process setup = new ProcessBuilder(SETUP.toString(), "--dir", dir.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(jmxPort)).redirectErrorStream(true).start();
        String out = new String(setup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(setup.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(setup.exitValue()).as(out).isZero();
        assertThat(Files.getPosixFilePermissions(dir.resolve("jmx.password")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        client = readEnv(dir.resolve("client.env"));
        assertThat(client).containsKeys("JMX_TRUSTSTORE", "JMX_TRUSTSTORE_PASSWORD", "JMX_USER", "JMX_PASSWORD");
        int agentPort = ChildJvm.freePort();
        agentName = "port-" + agentPort;
        // the JVM options exactly as the systemd units get them (EnvironmentFile=.../jvm.env)
        String jmxOpts = readEnv(dir.resolve("jvm.env")).get("JMX_OPTS");
        assertThat(jmxOpts).isEqualTo("-Dcom.sun.management.config.file=" + dir.resolve("management.properties")
                + " -Djava.rmi.server.hostname=127.0.0.1");
        app = ChildJvm.start("secured-jmx", ChildJvm.defaultJava(), List.of(jmxOpts.split(" ")),
                "bind=127.0.0.1,port=" + agentPort, false);
        app.awaitApp();
        app.awaitAgent();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theOperatorReadsTheAgentOverTls() throws Exception {
        String out = jmx(client, "agent-report", "AGENT=" + agentName);
        assertThat(out).contains("State = ready;").contains("AgentCheckLine = ").contains("Signals = ");
    }

    @Test
    void theMonitorReadsButCannotDrain() throws Exception {
        Map<String, String> monitor = new HashMap<>(client);
        monitor.put("JMX_USER", "monitor");
        monitor.put("JMX_PASSWORD", password("monitor"));
        assertThat(jmx(monitor, "agent-settings", "AGENT=" + agentName)).contains("MinWeight = 1;");
        assertThat(jmx(monitor, "agent-drain", "AGENT=" + agentName)).contains("Access denied");
        assertThat(jmx(client, "agent-report", "AGENT=" + agentName)).contains("State = ready;");
    }

    @Test
    void withoutCredentialsItIsRefused() throws Exception {
        Map<String, String> none = new HashMap<>(client);
        none.remove("JMX_USER");
        none.remove("JMX_PASSWORD");
        assertThat(jmx(none, "agent-report", "AGENT=" + agentName))
                .contains("Authentication failed! Credentials required").doesNotContain("State = ");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        Map<String, String> wrong = new HashMap<>(client);
        wrong.put("JMX_PASSWORD", "not-" + client.get("JMX_PASSWORD"));
        assertThat(jmx(wrong, "agent-report", "AGENT=" + agentName))
                .contains("Invalid username or password").doesNotContain("State = ");
    }

    @Test
    void withoutTheTruststoreTheTlsHandshakeFails() throws Exception {
        Map<String, String> untrusting = new HashMap<>(client);
        untrusting.remove("JMX_TRUSTSTORE");
        untrusting.remove("JMX_TRUSTSTORE_PASSWORD");
        assertThat(jmx(untrusting, "agent-report", "AGENT=" + agentName))
                .contains("SSLHandshakeException").doesNotContain("State = ");
    }

    /** samples/jmxterm/jmx with exactly the given JMX_* variables. */
    private static String jmx(Map<String, String> env, String script, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(JMX.toString(), "127.0.0.1:" + jmxPort, script));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("JMX_"));
        pb.environment().putAll(env);
        pb.environment().put("JMXTERM_JAR", ChildJvm.lib("jmxterm.jar").toString());
        pb.environment().put("JAVA", ChildJvm.defaultJava());
        pb.environment().put("JMX_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"); // a quicker start
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static String password(String user) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("jmx.password"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[0].equals(user)) {
                return f[1];
            }
        }
        throw new AssertionError("no " + user + " in jmx.password");
    }

    private static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    /** A port P with P + 1 free as well (the registry and the TLS connector). */
    static int freePortPair() throws IOException {
        for (int i = 0; i < 50; i++) {
            int p = ChildJvm.freePort();
            if (p < 65535 && free(p + 1)) {
                return p;
            }
        }
        throw new IllegalStateException("no two adjacent free ports");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
