package io.lvsfeedback.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Nonce;
import io.lvsfeedback.model.protocol.ReportCodec;
import io.lvsfeedback.testfixtures.ChildProcess;
import io.lvsfeedback.testfixtures.FreePort;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One application server in a child JVM with the built agent jar; output under target/child-jvm. */
final class ServerJvm implements AutoCloseable {
    static final Path AGENT_JAR = Paths.get(System.getProperty("lvsfeedback.test.agentJar", "../../agent/target/lvs-agent.jar"));
    static final Path BOOT3_JAR = Paths.get(System.getProperty("lvsfeedback.test.boot3Jar", "../boot3-app/target/boot3-app.jar"));
    static final Path BOOT3_ACTUATOR_JAR = Paths.get(System.getProperty("lvsfeedback.test.boot3ActuatorJar",
            "../boot3-actuator-app/target/boot3-actuator-app.jar"));
    static final Path BOOT4_JAR = Paths.get(System.getProperty("lvsfeedback.test.boot4Jar", "../boot4-app/target/boot4-app.jar"));
    /** The JDK the servers run on: this one unless {@code -Dlvsfeedback.compat.java=/path/to/bin/java}. */
    static final String JAVA = System.getProperty("lvsfeedback.compat.java",
            Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    private static final Pattern READY = Pattern.compile("APP-READY port=(\\d+)");

    private final ChildProcess child;
    final int agentPort;

    private ServerJvm(ChildProcess child, int agentPort) {
        this.child = child;
        this.agentPort = agentPort;
    }

    /** This test's class path entries whose file name starts with one of {@code prefixes}, plus the test classes. */
    static List<String> classPath(List<String> prefixes) {
        List<String> cp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Paths.get(entry);
            String name = p.getFileName().toString();
            if (Files.isDirectory(p) && p.endsWith("test-classes")) {
                cp.add(entry);
            } else if (prefixes.stream().anyMatch(name::startsWith)) {
                cp.add(entry);
            }
        }
        return cp;
    }

    /**
     * Starts {@code java [jvmArgs] -javaagent:... <launch>}, e.g. launch = {@code -cp X Main} or {@code -jar app.jar}.
     */
    static ServerJvm start(String name, List<String> launch, String agentArgs) throws IOException {
        assertThat(AGENT_JAR).as("the agent jar (build the agent module first)").exists();
        int agentPort = FreePort.onLoopback();
        List<String> cmd = new ArrayList<>();
        cmd.add(JAVA);
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1"); // start-up over peak speed: these JVMs live seconds
        cmd.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=port=" + agentPort + ",bind=127.0.0.1"
                + (agentArgs.isEmpty() ? "" : "," + agentArgs));
        cmd.addAll(launch);
        return new ServerJvm(ChildProcess.start(name, cmd), agentPort);
    }

    String stdout() throws IOException {
        return child.stdout();
    }

    String stderr() throws IOException {
        return child.stderr();
    }

    /**
     * Both outputs: the agent logs through JUL, which an application may route elsewhere (Spring
     * Boot sends it through its own logging to stdout once it has started).
     */
    String logs() throws IOException {
        return stdout() + stderr();
    }

    /** All the child's output, for assertion messages. */
    String output() {
        return child.output();
    }

    /** Waits for the application to listen; returns its HTTP port. */
    int awaitApp() {
        return Integer.parseInt(child.awaitStdout(READY, Duration.ofSeconds(120)).group(1));
    }

    /** The agent's full report (unsigned: no secret-file). */
    FeedbackReport report() throws Exception {
        String nonce = Nonce.next();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), agentPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(ReportCodec.encodeRequest(nonce).getBytes(StandardCharsets.US_ASCII));
            String line = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return ReportCodec.decodeReply(line, nonce, null, true).report();
        }
    }


    @Override
    public void close() {
        child.close();
    }
}
