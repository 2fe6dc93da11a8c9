package io.lvsfeedback.bridge.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.testfixtures.ChildJar;
import io.lvsfeedback.testfixtures.ChildProcess;
import io.lvsfeedback.testfixtures.SecuredJmx;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
    @TempDir
    static Path tmp;
    private static ChildProcess bridge;
    private static SecuredJmx secured;
    private static Map<String, String> client;

    @BeforeAll
    static void startABridgeWithSecuredJmx() throws Exception {
        secured = SecuredJmx.setUp(tmp.resolve("jmx"), jmxtermJar());
        client = secured.client();
        String classPath = String.join(File.pathSeparator, "target/test-classes", "target/classes",
                Files.readString(Paths.get("target/test-classpath.txt")).trim());
        // the JVM options exactly as the bridge's systemd unit gets them (EnvironmentFile=.../jvm.env)
        String jmxOpts = secured.jmxOpts();
        assertThat(jmxOpts).startsWith("-Dcom.sun.management.config.file=" + secured.dir().resolve("management.properties"));
        List<String> cmd = new ArrayList<>(List.of(ChildJar.java().toString(), "-Xmx96m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC"));
        cmd.addAll(List.of(jmxOpts.split(" ")));
        cmd.addAll(List.of("-cp", classPath, JmxHarness.class.getName(), "600"));
        bridge = ChildProcess.start("secured-bridge", cmd);
        bridge.awaitStdout(Pattern.compile("HARNESS-READY bridge=bridge"), Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.kill();
        }
    }

    @Test
    void theOperatorReadsAndPausesTheBridgeOverTls() throws Exception {
        assertThat(secured.jmx(client, "bridge-report")).contains("Status = running;").contains("ServiceCount = 1;");
        assertThat(secured.jmx(client, "bridge-destination", "SERVICE=tcp:10.0.0.10:80", "DEST=127.0.0.1:80"))
                .contains("AgentState = ready;").contains("BaseWeight = 100;");
        assertThat(secured.jmx(client, "bridge-pause")).contains("Status = paused;");
        assertThat(secured.jmx(client, "bridge-resume")).contains("Status = running;");
    }

    /** write-delay is a live setting: set through jmxterm, checked like the file (the defaults: poll-timeout 200 ms, poll-interval 250 ms). */
    @Test
    void theOperatorSetsWriteDelayAndABadValueIsRefused() throws Exception {
        assertThat(secured.jmx(client, "bridge-write-delay", "MILLIS=220")).contains("WriteDelayMillis = 220;");
        // Refused with the reason itself (it was "NotSerializableException: ConfigProblem" over remote JMX).
        assertThat(secured.jmx(client, "bridge-write-delay", "MILLIS=150")).contains("IllegalArgumentException")
                .contains("'write-delay' (150 ms) must be 0, or at least 'poll-timeout' (200 ms)");
        assertThat(secured.jmx(client, "bridge-report")).contains("WriteDelayMillis = 220;");
        assertThat(secured.jmx(client, "bridge-write-delay", "MILLIS=0")).contains("WriteDelayMillis = 0;");
    }

    @Test
    void withoutCredentialsOrWithAWrongPasswordItIsRefused() throws Exception {
        Map<String, String> none = new HashMap<>(client);
        none.remove("JMX_USER");
        none.remove("JMX_PASSWORD");
        assertThat(secured.jmx(none, "bridge-report")).contains("Credentials required").doesNotContain("Status = ");
        Map<String, String> wrong = new HashMap<>(client);
        wrong.put("JMX_PASSWORD", "x" + client.get("JMX_PASSWORD"));
        assertThat(secured.jmx(wrong, "bridge-report")).contains("Invalid username or password").doesNotContain("Status = ");
    }

    private static Path jmxtermJar() throws Exception {
        // the test-scoped uber jar, found through its main class
        return Path.of(Class.forName("org.cyclopsgroup.jmxterm.boot.CliMain").getProtectionDomain().getCodeSource()
                .getLocation().toURI());
    }
}
