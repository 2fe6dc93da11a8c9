package io.lvsfeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's long-lived jmxterm session, through the real {@code samples/jmxterm/jmx} script and
 * jmxterm, against a remote JMX connector of this JVM on loopback.
 */
class JmxtermSessionTest {

    /** A stand-in for the agent's MXBean: a state an operation changes. */
    public interface SwitchMXBean {
        String getState();

        void drain();
    }

    static final class Switch implements SwitchMXBean {
        volatile String state = "ready";

        @Override
        public String getState() {
            return state;
        }

        @Override
        public void drain() {
            state = "drain";
        }
    }

    private static final Path JMX_SCRIPT = Path.of("jmxterm/jmx").toAbsolutePath();
    private static final Map<String, String> ENV = Map.of("JMXTERM_JAR", Path.of("target/test-libs/jmxterm.jar")
            .toAbsolutePath().toString());
    private static final Switch SWITCH = new Switch();
    private static ObjectName name;
    private static Registry registry;
    private static JMXConnectorServer connector;
    private static String target;

    @BeforeAll
    static void remoteJmxOnLoopback() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        registry = LocateRegistry.createRegistry(port);
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        connector = JMXConnectorServerFactory.newJMXConnectorServer(url, null, ManagementFactory.getPlatformMBeanServer());
        connector.start();
        name = new ObjectName("lvsfeedback.test:type=Switch");
        ManagementFactory.getPlatformMBeanServer().registerMBean(SWITCH, name);
        target = "127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() throws Exception {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        connector.stop();
        UnicastRemoteObject.unexportObject(registry, true);
    }

    @Test
    void oneSessionAnswersBatchAfterBatchAndActsOnTheBean() throws IOException {
        try (JmxtermSession session = JmxtermSession.open(List.of(JMX_SCRIPT.toString(), target, "-"), ENV, 120)) {
            assertThat(session.run(List.of("get -b lvsfeedback.test:type=Switch State"), 60))
                    .contains("State = ready;");
            List<String> drained = session.run(List.of("run -b lvsfeedback.test:type=Switch drain",
                    "get -b lvsfeedback.test:type=Switch State"), 60);
            assertThat(drained).anyMatch(l -> l.contains("calling operation drain")).contains("State = drain;");
            assertThat(SWITCH.getState()).isEqualTo("drain");
            // A failing command is answered with its error, and the session goes on.
            assertThat(String.join("\n", session.run(List.of("get -b lvsfeedback.test:type=Nothing State"), 60)))
                    .contains("Exception");
            assertThat(session.run(List.of("get -b lvsfeedback.test:type=Switch State"), 60)).contains("State = drain;");
        } finally {
            SWITCH.state = "ready";
        }
    }

    /** The demo's next forwarding method: one jmxterm, disconnected before its JVM stops, connected to the next. */
    @Test
    void aSessionDisconnectsAndOpensAgainAndAFailedOpenIsAClearErrorNotATimeout() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (JmxtermSession session = JmxtermSession.open(List.of(JMX_SCRIPT.toString(), target, "-"), ENV, 120)) {
            session.disconnect(60);
            session.reopen(target, 60);
            assertThat(session.run(List.of("get -b lvsfeedback.test:type=Switch State"), 60)).contains("State = ready;");

            long start = System.nanoTime();
            assertThatThrownBy(() -> session.reopen("127.0.0.1:" + closed, 60)).isInstanceOf(IOException.class)
                    .hasMessageContaining("could not open 127.0.0.1:" + closed).hasMessageContaining("Connection refused");
            assertThat((System.nanoTime() - start) / 1e9).as("seconds: answered, not timed out").isLessThan(50);
            session.reopen(target, 60);
            assertThat(session.run(List.of("get -b lvsfeedback.test:type=Switch State"), 60)).contains("State = ready;");
        }
    }

    @Test
    void theLateAnswerOfABatchThatTimedOutDoesNotEndTheNextOne(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        // A stand-in for jmxterm that answers its second sync 3 s late.
        Path slow = tmp.resolve("slow-jmxterm");
        Files.writeString(slow, "#!/bin/bash\ni=0\nwhile read -r l; do\n  case \"$l\" in\n"
                + "    *Uptime*) i=$((i+1)); [ $i = 2 ] && sleep 3; echo \"Uptime = $i;\" ;;\n"
                + "    quit) exit 0 ;;\n    *) echo \"ran $l\" ;;\n  esac\ndone\n");
        slow.toFile().setExecutable(true);
        try (JmxtermSession session = JmxtermSession.open(List.of(slow.toString()), Map.of(), 30)) {
            assertThatThrownBy(() -> session.run(List.of("first"), 1)).hasMessageContaining("no answer in 1 s");
            assertThat(session.run(List.of("second"), 30)).containsExactly("ran second");
        }
    }

    @Test
    void aScriptFileIsItsCommandsWithoutComments() throws IOException {
        List<String> commands = JmxtermSession.commandsOf(Path.of("jmxterm/agent-drain.jmx"));
        assertThat(commands).containsExactly("run -b lvsfeedback:type=Agent,name=port-3333 drain",
                "get -b lvsfeedback:type=Agent,name=port-3333 State AgentCheckLine");
        assertThat(JmxtermSession.commandsOf(Path.of("jmxterm/agent-drain.jmx"), Map.of("AGENT", "port-3334")))
                .first().isEqualTo("run -b lvsfeedback:type=Agent,name=port-3334 drain");
        assertThatThrownBy(() -> JmxtermSession.commandsOf(Path.of("jmxterm/agent-override.jmx")))
                .hasMessageContaining("agent-override.jmx needs a value for @PERCENT@");
    }

    @Test
    void aTargetThatDoesNotAnswerIsAClearError() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> JmxtermSession.open(List.of(JMX_SCRIPT.toString(), "127.0.0.1:" + closed, "-"), ENV, 60))
                .isInstanceOf(IOException.class).hasMessageContaining("did not connect");
    }

    @Test
    void theDemoFallsBackToOneJmxtermPerActionWithoutASession(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        // A jmx "script" whose stdin session never connects, but whose one-shot calls work.
        Path fake = tmp.resolve("jmx");
        Files.writeString(fake, "#!/bin/sh\n[ \"$2\" = - ] && exit 3\necho \"called $1 $2 $3\"\n");
        fake.toFile().setExecutable(true);
        Files.writeString(tmp.resolve("agent-drain.jmx"), "run drain\n");
        try (JmxActions actions = JmxActions.open(fake, "10.0.0.12:9010", Map.of("AGENT", "port-3333"), 30, List.of())) {
            assertThat(actions.sessionProblem()).contains("exit 3");
            assertThat(actions.apply("agent-drain")).contains("new jmxterm").contains("exit 0: called 10.0.0.12:9010 agent-drain AGENT=port-3333");
        }
    }
}
