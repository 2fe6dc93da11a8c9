package io.lvsfeedback.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.testfixtures.FreePort;
import io.lvsfeedback.testfixtures.SecuredJmx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    @TempDir
    static Path tmp;
    private static ChildJvm app;
    private static SecuredJmx secured;
    private static String agentName;
    private static Map<String, String> client;

    @BeforeAll
    static void startTheApplicationWithSecuredJmx() throws Exception {
        secured = SecuredJmx.setUp(tmp.resolve("jmx"), ChildJvm.lib("jmxterm.jar"));
        Path dir = secured.dir();
        assertThat(Files.getPosixFilePermissions(dir.resolve("jmx.password")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        client = secured.client();
        assertThat(client).containsKeys("JMX_TRUSTSTORE", "JMX_TRUSTSTORE_PASSWORD", "JMX_USER", "JMX_PASSWORD");
        int agentPort = FreePort.onLoopback();
        agentName = "port-" + agentPort;
        // the JVM options exactly as the systemd units get them (EnvironmentFile=.../jvm.env)
        String jmxOpts = secured.jmxOpts();
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
        String out = secured.jmx(client, "agent-report", "AGENT=" + agentName);
        assertThat(out).contains("State = ready;").contains("AgentCheckLine = ").contains("Signals = ");
        // the CPUs the process may use (its cgroup quota, else its processors) reach a real JMX client
        assertThat(out).contains("cpu_limit");
    }

    @Test
    void theMonitorReadsButCannotDrain() throws Exception {
        Map<String, String> monitor = new HashMap<>(client);
        monitor.put("JMX_USER", "monitor");
        monitor.put("JMX_PASSWORD", secured.password("monitor"));
        assertThat(secured.jmx(monitor, "agent-settings", "AGENT=" + agentName)).contains("MinWeight = 1;");
        assertThat(secured.jmx(monitor, "agent-drain", "AGENT=" + agentName)).contains("Access denied");
        assertThat(secured.jmx(client, "agent-report", "AGENT=" + agentName)).contains("State = ready;");
    }

    @Test
    void withoutCredentialsItIsRefused() throws Exception {
        Map<String, String> none = new HashMap<>(client);
        none.remove("JMX_USER");
        none.remove("JMX_PASSWORD");
        assertThat(secured.jmx(none, "agent-report", "AGENT=" + agentName))
                .contains("Authentication failed! Credentials required").doesNotContain("State = ");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        Map<String, String> wrong = new HashMap<>(client);
        wrong.put("JMX_PASSWORD", "not-" + client.get("JMX_PASSWORD"));
        assertThat(secured.jmx(wrong, "agent-report", "AGENT=" + agentName))
                .contains("Invalid username or password").doesNotContain("State = ");
    }

    @Test
    void withoutTheTruststoreTheTlsHandshakeFails() throws Exception {
        Map<String, String> untrusting = new HashMap<>(client);
        untrusting.remove("JMX_TRUSTSTORE");
        untrusting.remove("JMX_TRUSTSTORE_PASSWORD");
        assertThat(secured.jmx(untrusting, "agent-report", "AGENT=" + agentName))
                .contains("SSLHandshakeException").doesNotContain("State = ");
    }
}
