package io.lvsfeedback.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Nonce;
import io.lvsfeedback.model.protocol.ReportCodec;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The Spring Boot sample in a child JVM, started by the real {@code samples/bin/start-spring-boot-app}
 * with the built agent jar (optionally inside a network namespace: {@code prefix} = {@code ip netns
 * exec NS}). Output in {@code target/child-jvm/NAME.log}; always closed by the test.
 */
final class SampleJvm implements AutoCloseable {
    static final Path AGENT_JAR = Path.of(System.getProperty("lvsfeedback.test.agentJar", "../agent/target/lvs-agent.jar"));
    static final Path APP_TARGET = Path.of(System.getProperty("lvsfeedback.test.appTarget", "app/target"));
    static final Path START_SCRIPT = Path.of("../samples/bin/start-spring-boot-app");
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /**
     * Where and how to start one sample server: {@code host} is the address the test reaches it
     * on (HTTP, agent, JMX), {@code bind} the one Tomcat listens on ({@code 0.0.0.0} for a real
     * server, which must take the VIP's traffic too).
     */
    record Launch(List<String> prefix, String name, String host, String bind, int httpPort, int agentPort, int jmxPort,
                  String agentArgs, boolean cds, List<String> jvmOptions) {
    }

    final Launch launch;
    final Path log;
    private final Process process;
    private final long startNanos = System.nanoTime();
    /** HTTP/1.1 only: no h2c upgrade headers, the way plain clients and the load balancer's traffic look. */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private SampleJvm(Launch launch, Path log, Process process) {
        this.launch = launch;
        this.log = log;
        this.process = process;
    }

    static SampleJvm start(Launch l) throws IOException {
        assertThat(AGENT_JAR).as("the agent jar (build the agent module first)").exists();
        assertThat(APP_TARGET.resolve("samples-spring-boot.jar")).as("the fat jar (package samples-spring-boot/app)").exists();
        // in the lab only LAB_RESULTS/MODULE is writable (it comes back as target/kernel-reports)
        String results = System.getenv("LAB_RESULTS");
        Path dir = Files.createDirectories(results == null ? Path.of("target/child-jvm")
                : Path.of(results, "samples-spring-boot", "child-jvm"));
        Path log = dir.resolve(l.name() + ".log");
        List<String> cmd = new ArrayList<>(l.prefix());
        cmd.addAll(List.of(START_SCRIPT.toAbsolutePath().toString(), "--name", l.name(), "--host", l.bind(),
                "--port", String.valueOf(l.httpPort()), "--jmx-port", String.valueOf(l.jmxPort()), "--jmx-host", l.host(),
                "--agent", "port=" + l.agentPort() + "," + l.agentArgs()));
        if (l.cds()) {
            cmd.add("--cds");
        }
        cmd.add("--");
        // the JMX port on the server's own address only, not on every interface
        cmd.add("-Dcom.sun.management.jmxremote.host=" + l.host());
        cmd.addAll(l.jvmOptions());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(Map.of("JAVA", JAVA, "LVS_AGENT_JAR", AGENT_JAR.toAbsolutePath().toString(),
                "LVS_SPRING_BOOT_TARGET", APP_TARGET.toAbsolutePath().toString()));
        return new SampleJvm(l, log, pb.start());
    }

    /** Waits until {@code GET /} names this server; returns the seconds since the launch. */
    double awaitHttp(Duration patience) {
        Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(java.io.IOException.class).untilAsserted(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the sample JVM exited" + output());
            }
            assertThat(get("/").body()).isEqualTo("server=" + launch.name() + "\n");
        });
        return (System.nanoTime() - startNanos) / 1e9;
    }

    URI uri(String path) {
        return URI.create("http://" + launch.host() + ":" + launch.httpPort() + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The agent's full report from its feedback port, verified with {@code secret} (null: unsigned). */
    FeedbackReport report(SharedSecret secret) throws Exception {
        String nonce = Nonce.next();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(launch.host()), launch.agentPort()), 10_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(ReportCodec.encodeRequest(nonce).getBytes(StandardCharsets.US_ASCII));
            String line = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return ReportCodec.decodeReply(line, nonce, secret, secret == null).report();
        }
    }

    String output() {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return "\n--- " + log + "\n" + (s.length() <= 6000 ? s : "..." + s.substring(s.length() - 6000));
        } catch (IOException e) {
            return e.toString();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops the JVM as systemd would (SIGTERM: the agent drains, Boot shuts down gracefully). */
    @Override
    public void close() {
        // the script execs java, but under ip netns exec the JVM is a child: stop the whole tree
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
