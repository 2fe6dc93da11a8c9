package io.lvsfeedback.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Nonce;
import io.lvsfeedback.model.protocol.ReportCodec;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

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

    private final Process process;
    private final Path out;
    private final Path err;
    final int agentPort;

    private ServerJvm(Process process, Path out, Path err, int agentPort) {
        this.process = process;
        this.out = out;
        this.err = err;
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
        int agentPort = freePort();
        Path dir = Paths.get("target/child-jvm");
        Files.createDirectories(dir);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        List<String> cmd = new ArrayList<>();
        cmd.add(JAVA);
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1"); // start-up over peak speed: these JVMs live seconds
        cmd.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=port=" + agentPort + ",bind=127.0.0.1"
                + (agentArgs.isEmpty() ? "" : "," + agentArgs));
        cmd.addAll(launch);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ServerJvm(p, out, err, agentPort);
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
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
        try {
            return "\n--- stdout\n" + tail(stdout()) + "\n--- stderr\n" + tail(stderr());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String tail(String s) {
        return s.length() <= 6000 ? s : "..." + s.substring(s.length() - 6000);
    }

    /** Waits for the application to listen; returns its HTTP port. */
    int awaitApp() {
        int[] port = new int[1];
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(process.isAlive()).as("child JVM alive%s", output()).isTrue();
            Matcher m = READY.matcher(stdout());
            assertThat(m.find()).as("app ready").isTrue();
            port[0] = Integer.parseInt(m.group(1));
        });
        return port[0];
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

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
