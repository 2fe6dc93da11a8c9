package io.lvsfeedback.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.testfixtures.FreePort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operating the agent with jmxterm over remote JMX, as an operator would. */
@Tag("jar")
class JmxtermTest {

    @Test
    void jmxtermReadsTheReportAndDrains(@TempDir Path tmp) throws Exception {
        int jmxPort = FreePort.onLoopback();
        int agentPort = FreePort.onLoopback();
        List<String> jmx = List.of("-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false");
        try (ChildJvm child = ChildJvm.start("jmxterm", ChildJvm.defaultJava(), jmx,
                "bind=127.0.0.1,port=" + agentPort + ",idle-probe=http://127.0.0.1:1/health", false)) {
            child.awaitApp();
            child.awaitAgent();
            assertThat(child.stderr()).contains("[lvs-agent] JMX: lvsfeedback:type=Agent,name=port-" + agentPort
                    + " and lvsfeedback:type=AgentSettings,name=port-" + agentPort);
            Path script = tmp.resolve("drain.jmx");
            Files.writeString(script, String.join("\n",
                    "open 127.0.0.1:" + jmxPort,
                    "bean lvsfeedback:type=Agent,name=port-" + agentPort,
                    "get State",
                    "get WeightPercent",
                    "get Report",
                    "get IdleProbe",
                    "run drain",
                    "get State",
                    "get AgentCheckLine",
                    "bean lvsfeedback:type=AgentSettings,name=port-" + agentPort,
                    "set CapacityExpirySeconds 2.5",
                    "get CapacityExpirySeconds",
                    "set CapacityExpirySeconds 7200",
                    "get CapacityExpirySeconds",
                    "close", ""));
            Process term = new ProcessBuilder(ChildJvm.defaultJava(), "-jar", ChildJvm.lib("jmxterm.jar").toString(),
                    "-i", script.toString(), "-n", "-v", "silent").redirectErrorStream(true).start();
            String out = new String(term.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(term.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(out).contains("State = ready;").containsPattern("WeightPercent = \\d+;")
                    .contains("Report = state=ready").contains("State = drain;").contains("AgentCheckLine = 0% drain;")
                    .containsPattern("IdleProbe = http://127\\.0\\.0\\.1:1/health: \\d+ sent, \\d+ failed");
            // A live setting written over remote JMX, and a bad write refused, the value kept (jmxterm's silent
            // mode prints no error; the message is AgentMBeanTest's).
            assertThat(out).doesNotContain("CapacityExpirySeconds = 7200").containsPattern("(?s)CapacityExpirySeconds = 2\\.5;.*CapacityExpirySeconds = 2\\.5;");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(ChildJvm.agent(agentPort, null)).isEqualTo("0% drain\n"));
        }
    }
}
