package io.lvsfeedback.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lvsfeedback.agent.util.AgentClock;
import io.lvsfeedback.agent.config.AgentConfig;
import io.lvsfeedback.agent.config.ConfigLoader;
import io.lvsfeedback.model.agent.CheckView;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The whole agent in this JVM, with a recording stand-in for the real-server network part. */
class AgentRuntimeTest {
    private final List<String> events = new CopyOnWriteArrayList<>();

    private final class RecordingNetwork implements NetworkSetup {
        private final boolean ok;

        RecordingNetwork(boolean ok) {
            this.ok = ok;
            events.add("apply");
        }

        @Override
        public List<CheckView> checks() {
            return List.of(new CheckView("vip 10.0.0.10/32 on lo", "present", ok ? "present" : "absent", ok, ""));
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

    private static FeedbackReport report(AgentRuntime rt) {
        return rt.reporter().current();
    }

    /** What HAProxy's agent-check reads from the feedback port. */
    private static String agentCheck(AgentRuntime rt) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), rt.feedbackPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("x\n".getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aSecretFileOthersCanReadIsWarnedAbout(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // Regression: a world-readable key was accepted without a word.
        java.nio.file.Path key = java.nio.file.Files.writeString(dir.resolve("key"), "0123456789abcdef-key\n");
        java.nio.file.Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        List<String> warnings = new CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(AgentRuntime.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        log.addHandler(handler);
        try (AgentRuntime rt = AgentRuntime.start(config("port=0,secret-file=" + key), AgentClock.SYSTEM,
                c -> new RecordingNetwork(true))) {
            assertThat(warnings).anyMatch(w -> w.contains("secret-file " + key + " is readable by its group and by everyone (mode 644)"));
        } finally {
            log.removeHandler(handler);
        }
    }

    @Test
    void shutdownDrainsThenUndoesTheNetworkThenCloses() throws Exception {
        AgentRuntime rt = AgentRuntime.start(config("port=0"), AgentClock.SYSTEM, c -> new RecordingNetwork(true));
        rt.completeStart();
        assertThat(report(rt).state()).isEqualTo(AdminState.READY);
        rt.reporter().addStateListener((before, after) -> events.add("report " + after.state().word()));
        rt.shutdown();
        assertThat(events).containsExactly("apply", "report drain", "undo", "close");
    }

    @Test
    void aFailedStartLeavesNothingBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> AgentRuntime.start(config("port=" + taken.getLocalPort()), AgentClock.SYSTEM,
                    c -> new RecordingNetwork(true)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        assertThat(events).isEmpty(); // the network part is set up only once the port serves
    }

    @Test
    void aRealServerReportsDownUntilItsNetworkIsVerified() throws Exception {
        AgentRuntime rt = AgentRuntime.start(config("port=0,vip=10.0.0.10,network=verify"), AgentClock.SYSTEM,
                c -> new RecordingNetwork(true));
        try {
            assertThat(events).isEmpty();
            assertThat(report(rt).state()).isEqualTo(AdminState.DOWN);
            assertThat(report(rt).reason()).contains("not verified yet");
            assertThat(agentCheck(rt)).startsWith("down");
            rt.completeStart();
            assertThat(report(rt).state()).isEqualTo(AdminState.READY);
            assertThat(agentCheck(rt)).endsWith("ready\n");
        } finally {
            rt.close();
        }
    }

    @Test
    void withoutRealServerWorkTheFirstReportIsReady() throws Exception {
        AgentRuntime rt = AgentRuntime.start(config("port=0,network=off"), AgentClock.SYSTEM,
                c -> NetworkSetup.NONE);
        try {
            assertThat(report(rt).state()).isEqualTo(AdminState.READY);
        } finally {
            rt.close();
        }
    }

    @Test
    void aFailedCheckStillSaysDownAfterTheSetup() throws Exception {
        AgentRuntime rt = AgentRuntime.start(config("port=0,vip=10.0.0.10"), AgentClock.SYSTEM,
                c -> new RecordingNetwork(false));
        try {
            rt.completeStart();
            assertThat(report(rt).state()).isEqualTo(AdminState.DOWN);
            assertThat(report(rt).reason()).contains("vip 10.0.0.10/32 on lo").contains("absent");
        } finally {
            rt.close();
        }
    }

    @Test
    void aSetupThatThrowsLeavesTheServerDownAndTheAgentServing() throws Exception {
        Function<AgentConfig, NetworkSetup> broken = c -> {
            throw new UnsatisfiedLinkError("no jffi here");
        };
        AgentRuntime rt = AgentRuntime.start(config("port=0,vip=10.0.0.10"), AgentClock.SYSTEM, broken);
        try {
            rt.completeStart();
            assertThat(report(rt).state()).isEqualTo(AdminState.DOWN);
            assertThat(report(rt).reason()).contains("setup failed").contains("no jffi here");
            assertThat(agentCheck(rt)).startsWith("down");
        } finally {
            rt.close();
        }
    }

    @Test
    void aShutdownDuringTheSetupUndoesWhatTheSetupAdded() throws Exception {
        CountDownLatch inSetup = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AgentRuntime rt = AgentRuntime.start(config("port=0,vip=10.0.0.10"), AgentClock.SYSTEM, c -> {
            inSetup.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new RecordingNetwork(true);
        });
        Thread starter = new Thread(rt::completeStart);
        starter.start();
        assertThat(inSetup.await(30, TimeUnit.SECONDS)).isTrue();
        Thread stopper = new Thread(rt::shutdown);
        stopper.start();
        release.countDown();
        starter.join(30_000);
        stopper.join(30_000);
        assertThat(events).containsExactly("apply", "undo", "close");
    }
}
