package io.lvsfeedback.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lvsfeedback.agent.AgentClock;
import io.lvsfeedback.agent.config.AgentConfig;
import io.lvsfeedback.agent.config.ConfigLoader;
import io.lvsfeedback.model.agent.CheckView;
import io.lvsfeedback.model.protocol.AdminState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The whole agent in this JVM, with a recording stand-in for the real-server network part. */
class AgentRuntimeTest {
    private final List<String> events = new ArrayList<>();

    private final class RecordingNetwork implements NetworkSetup {
        @Override
        public List<CheckView> checks() {
            return List.of(new CheckView("vip 10.0.0.10/32 on lo", "present", "present", true, ""));
        }

        @Override
        public void undo() {
            events.add("undo");
        }

        @Override
        public void close() {
            events.add("close");
        }
    }

    private static AgentConfig config(String args) throws Exception {
        return ConfigLoader.load("bind=127.0.0.1,jmx=off,drain-timeout=0s," + args, new Properties());
    }

    @Test
    void shutdownDrainsThenUndoesTheNetworkThenCloses() throws Exception {
        AgentRuntime rt = AgentRuntime.start(config("port=0"), AgentClock.SYSTEM, c -> new RecordingNetwork());
        assertThat(rt.reporter().current().state()).isEqualTo(AdminState.READY);
        rt.reporter().addStateListener((before, after) -> events.add("report " + after.state().word()));
        rt.shutdown();
        assertThat(events).containsExactly("report drain", "undo", "close");
    }

    @Test
    void aFailedStartLeavesNothingBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> AgentRuntime.start(config("port=" + taken.getLocalPort()), AgentClock.SYSTEM,
                    c -> new RecordingNetwork()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        assertThat(events).containsExactly("undo", "close");
    }
}
