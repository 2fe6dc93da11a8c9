package io.lvsfeedback.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.testfixtures.FreePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whatever is wrong with the agent's setup, the application starts and serves, and stderr has one
 * clear line naming the problem. Child JVMs with the built jar.
 */
@Tag("jar")
class AgentNeverBreaksTheApplicationTest {

    private static void assertAppServesAndAgentSays(String name, String java, String agentArgs, String expectedLine)
            throws Exception {
        try (ChildJvm child = ChildJvm.start(name, java, List.of(), agentArgs, false)) {
            int appPort = child.awaitApp();
            assertThat(ChildJvm.httpGet(appPort)).startsWith("HTTP/1.1 200").endsWith("hello\n");
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> assertThat(child.stderr()).contains(expectedLine));
            assertThat(child.stderr().lines().filter(l -> l.contains("[lvs-agent] disabled"))).hasSize(1);
            assertThat(child.process().isAlive()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "port=abc|[lvs-agent] disabled: bad setting port=abc: expected a whole number 0..65535",
        "vip=10.0.0.300|[lvs-agent] disabled: bad setting vip=10.0.0.300: '10.0.0.300' is not an IPv4 or IPv6 address",
        "colour=blue|[lvs-agent] disabled: bad setting colour=blue: unknown key in the agent arguments",
        "config=/nonexistent/agent.properties|[lvs-agent] disabled: bad setting config=/nonexistent/agent.properties: cannot read it",
        "drain-timeout=30|[lvs-agent] disabled: bad setting drain-timeout=30: expected a duration with unit ms, s or m",
        "port=0,secret-file=/nonexistent/secret|[lvs-agent] disabled: cannot start: cannot read secret-file /nonexistent/secret",
    })
    void badSettingDisablesTheAgentWithOneClearLine(String args, String line) throws Exception {
        assertAppServesAndAgentSays("bad-" + args.replaceAll("[^a-z0-9]", "_"), ChildJvm.defaultJava(), args, line);
    }

    @Test
    void badSettingOnJdk25Too() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(ChildJvm.JDK25));
        assertAppServesAndAgentSays("bad-jdk25", ChildJvm.java(ChildJvm.JDK25), "port=abc",
                "[lvs-agent] disabled: bad setting port=abc: expected a whole number 0..65535");
    }

    @Test
    void portAlreadyInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertAppServesAndAgentSays("port-in-use", ChildJvm.defaultJava(), "bind=127.0.0.1,port=" + port,
                    "[lvs-agent] disabled: cannot start: cannot listen on 127.0.0.1:" + port);
        }
    }

    @Test
    void missingProcSysFileReportsDownAndKeepsServing() throws Exception {
        int agentPort = FreePort.onLoopback();
        String args = "bind=127.0.0.1,port=" + agentPort + ",vip=10.200.0.1,network=verify,sysctl-root=/nonexistent/sys";
        try (ChildJvm child = ChildJvm.start("missing-sysctl", ChildJvm.defaultJava(), List.of(), args, false)) {
            int appPort = child.awaitApp();
            child.awaitAgent();
            assertThat(ChildJvm.httpGet(appPort)).startsWith("HTTP/1.1 200");
            assertThat(ChildJvm.agent(agentPort, null)).startsWith("down #");
            assertThat(child.stderr()).contains("/nonexistent/sys").doesNotContain("[lvs-agent] disabled");
        }
    }

    @Test
    void unprivilegedConfigureFallsBackToVerifyWithTheCommandsToRun() throws Exception {
        String ns = "lvsit" + ProcessHandle.current().pid();
        run("ip", "netns", "add", ns);
        try {
            run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
            int agentPort = 3334;
            String args = "bind=127.0.0.1,port=" + agentPort + ",vip=10.200.0.1,network=configure,interfaces=lo";
            List<String> asNobody = List.of("ip", "netns", "exec", ns, "setpriv", "--reuid=65534", "--regid=65534",
                    "--clear-groups", "--inh-caps=-all");
            try (ChildJvm child = ChildJvm.start("unprivileged", asNobody, ChildJvm.defaultJava(),
                    List.of("-Djava.io.tmpdir=/tmp"), args, false)) {
                child.awaitApp();
                child.awaitAgent();
                assertThat(child.stderr()).contains("to fix as root:").contains("10.200.0.1")
                        .doesNotContain("[lvs-agent] disabled");
                String line = run("ip", "netns", "exec", ns, "bash", "-c",
                        "exec 3<>/dev/tcp/127.0.0.1/" + agentPort + "; printf 'x\\n' >&3; timeout 10 cat <&3");
                assertThat(line).startsWith("down #");
                // nothing was changed in the namespace: the VIP is not on lo
                assertThat(run("ip", "netns", "exec", ns, "ip", "-o", "addr", "show", "dev", "lo")).doesNotContain("10.200.0.1");
            }
        } finally {
            run("ip", "netns", "delete", ns);
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
