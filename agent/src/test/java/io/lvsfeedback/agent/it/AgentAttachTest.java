package io.lvsfeedback.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import io.lvsfeedback.testfixtures.FreePort;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The other way in: attaching the agent to a running application ({@code agentmain}). */
@Tag("jar")
class AgentAttachTest {

    @Test
    void attachedAtRunTimeTheAgentServesReports() throws Exception {
        int agentPort = FreePort.onLoopback();
        try (ChildJvm child = ChildJvm.start("attach", ChildJvm.defaultJava(), List.of(), null, false)) {
            int appPort = child.awaitApp();
            VirtualMachine vm = VirtualMachine.attach(Long.toString(child.process().pid()));
            try {
                vm.loadAgent(ChildJvm.AGENT_JAR.toString(), "bind=127.0.0.1,port=" + agentPort);
            } finally {
                vm.detach();
            }
            child.awaitAgent();
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(
                    () -> assertThat(ChildJvm.agent(agentPort, null)).matches("\\d{1,3}% ready\n"));
            assertThat(ChildJvm.httpGet(appPort)).startsWith("HTTP/1.1 200");
        }
    }
}
