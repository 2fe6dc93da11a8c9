package io.lvsfeedback.bridge.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.bridge.config.ConfigException;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key rotation through the bridge's own secret-file and poller: old and new keys both accepted while both are listed. */
class KeyRotationPollTest {
    static final String OLD = "rotation-old-key-0123456789";
    static final String NEW = "rotation-new-key-9876543210";
    @TempDir
    Path dir;
    final NioAgentPoller poller = new NioAgentPoller(4);
    TestAgentServer oldAgent;
    TestAgentServer newAgent;

    @AfterEach
    void stop() throws IOException {
        poller.close();
        oldAgent.close();
        newAgent.close();
    }

    SharedSecret bridgeKeys(String text) throws IOException, ConfigException {
        Path file = Files.writeString(dir.resolve("key"), text);
        return BridgeConfig.parse(Map.of("secret-file", file.toString())).defaultService().secret();
    }

    boolean authenticated(TestAgentServer agent, SharedSecret bridge) {
        PollRequest r = new PollRequest(agent.address(), bridge, false);
        PollOutcome o = poller.pollAll(List.of(r), 2000).get(r);
        return o.succeeded() && o.authenticated();
    }

    @Test
    void bothKeysListedAcceptsBothAgentsAndTheNewKeyAloneOnlyTheNew() throws Exception {
        oldAgent = TestAgentServer.start().reply(NioAgentPollerTest.REPORT, SharedSecret.of(OLD));
        newAgent = TestAgentServer.start().reply(NioAgentPollerTest.REPORT, SharedSecret.of(NEW));
        SharedSecret both = bridgeKeys(OLD + "\n" + NEW + "\n");
        assertThat(authenticated(oldAgent, both)).isTrue();
        assertThat(authenticated(newAgent, both)).isTrue();
        SharedSecret onlyNew = bridgeKeys(NEW + "\n");
        assertThat(authenticated(newAgent, onlyNew)).isTrue();
        assertThat(authenticated(oldAgent, onlyNew)).isFalse();
    }
}
