package io.lvsfeedback.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.Nonce;
import io.lvsfeedback.model.protocol.ReportCodec;
import io.lvsfeedback.model.protocol.SharedSecret;
import io.lvsfeedback.model.protocol.VerifiedReport;
import io.lvsfeedback.testfixtures.FreePort;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Jetty application with the agent jar in a child JVM, with conflicting versions of the agent's
 * own dependencies on the application's class path: the application serves, the agent reports,
 * each sees its own classes, and a shutdown drains before the JVM ends. On JDK 17 and JDK 25.
 */
@Tag("jar")
class AgentInApplicationTest {

    static Stream<Arguments> jdks() {
        return Stream.of(Arguments.of("jdk17", ChildJvm.defaultJava()),
                Arguments.of("jdk25", ChildJvm.java(ChildJvm.JDK25)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void applicationServesAgentReportsAndShutdownDrains(String jdk, String java, @TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(java)), java + " not installed");
        Path secretFile = tmp.resolve("secret");
        Files.writeString(secretFile, "a-shared-secret-of-enough-bytes\n");
        int agentPort = FreePort.onLoopback();
        String args = "port=" + agentPort + ",bind=127.0.0.1,secret-file=" + secretFile
                + ",drain-timeout=20s,sample-interval=200ms";
        try (ChildJvm child = ChildJvm.start("app-" + jdk, java, List.of(), args, true)) {
            int appPort = child.awaitApp();
            child.awaitAgent();

            assertThat(ChildJvm.httpGet(appPort)).startsWith("HTTP/1.1 200").endsWith("hello\n");
            // the application sees its own versions, not the agent's; the agent's jffi is invisible
            String out = child.stdout();
            assertThat(out).contains("APP-SEES asm=").containsPattern("APP-SEES asm=.*conflict-asm-3.3.1.jar");
            assertThat(out).containsPattern("APP-SEES jnr-ffi=.*conflict-jnr-ffi-2.2.16.jar");
            assertThat(out).contains("APP-SEES jffi=absent", "APP-SEES netlink=absent");

            assertThat(ChildJvm.agent(agentPort, null)).matches("\\d{1,3}% ready\n");
            assertThat(ChildJvm.agent(agentPort, "ping\n")).matches("\\d{1,3}% ready\n");
            SharedSecret secret = SharedSecret.fromFile(secretFile);
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String nonce = Nonce.next();
                VerifiedReport r = ReportCodec.decodeReply(ChildJvm.agent(agentPort, ReportCodec.encodeRequest(nonce)),
                        nonce, secret, false);
                assertThat(r.authenticated()).isTrue();
                assertThat(r.report().ports()).as("the application's port in the report").contains(appPort)
                        .doesNotContain(agentPort);
                assertThat(r.report().signal("threads")).isPositive();
            });

            // Shutdown with a client connection still open: the agent reports drain and waits for it.
            try (Socket keepAlive = new Socket(InetAddress.getLoopbackAddress(), appPort)) {
                keepAlive.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                keepAlive.setSoTimeout(10_000);
                keepAlive.getInputStream().read(); // the response has started: the connection is established
                child.process().destroy(); // SIGTERM: shutdown hooks run
                Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(
                        () -> assertThat(ChildJvm.agent(agentPort, null)).isEqualTo("0% drain\n"));
                assertThat(child.process().isAlive()).as("still draining while the connection is open").isTrue();
            }
            assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.stderr()).contains("[lvs-agent] drained: no application connections left");
        }
    }
}
