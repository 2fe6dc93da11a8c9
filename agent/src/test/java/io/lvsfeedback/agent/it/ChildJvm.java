package io.lvsfeedback.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.testfixtures.ChildProcess;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
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
import org.awaitility.Awaitility;

/**
 * A child JVM running {@link TinyJettyApp} with the built agent jar; its output goes to files
 * under target/child-jvm. Always closed (destroyed) by the test.
 */
final class ChildJvm implements AutoCloseable {
    static final Path BUILT_AGENT_JAR = Paths.get(System.getProperty("lvsfeedback.test.agentJar", "target/lvs-agent.jar"));
    static final Path TEST_LIBS = Paths.get(System.getProperty("lvsfeedback.test.libs", "target/test-libs"));
    /** Private copies: a concurrent build of the module may rewrite target/ while a child JVM runs. */
    private static final Path PRIVATE = privateCopies();
    static final Path AGENT_JAR = PRIVATE.resolve("lvs-agent.jar");
    static final Path JDK25 = Paths.get(System.getProperty("lvsfeedback.test.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    private static final Pattern READY = Pattern.compile("APP-READY port=(\\d+)");

    private final ChildProcess child;

    private ChildJvm(ChildProcess child) {
        this.child = child;
    }

    private static Path privateCopies() {
        try {
            Path dir = Files.createTempDirectory("lvs-agent-it-");
            Files.copy(BUILT_AGENT_JAR, dir.resolve("lvs-agent.jar"));
            Path classes = Paths.get(TinyJettyApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path pkg = Paths.get("io/lvsfeedback/agent/it");
            Files.createDirectories(dir.resolve("app").resolve(pkg));
            try (var files = Files.list(classes.resolve(pkg))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (f.getFileName().toString().startsWith("TinyJettyApp")) {
                        Files.copy(f, dir.resolve("app").resolve(pkg).resolve(f.getFileName()));
                    }
                }
            }
            for (String jar : new String[] {"conflict-asm-3.3.1.jar", "conflict-jnr-ffi-2.2.16.jar", "jmxterm.jar"}) {
                Files.copy(TEST_LIBS.resolve(jar), dir.resolve(jar));
            }
            Path jetty = Files.createDirectories(dir.resolve("jetty"));
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                String name = Paths.get(entry).getFileName().toString();
                if (name.startsWith("jetty-") || name.startsWith("slf4j-api")) {
                    Files.copy(Paths.get(entry), jetty.resolve(name));
                }
            }
            // readable by the unprivileged user of the no-permission test
            try (var all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                            Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            return dir;
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot copy the agent jar and test application", e);
        }
    }

    static Path lib(String name) {
        return PRIVATE.resolve(name);
    }

    static String java(Path javaHome) {
        return javaHome.resolve("bin/java").toString();
    }

    static String defaultJava() {
        return java(Paths.get(System.getProperty("java.home")));
    }

    /** Jetty (and its slf4j API), copied from this test's class path, plus the app's classes. */
    static List<String> appClassPath(boolean withConflicts) {
        List<String> cp = new ArrayList<>();
        try (var jars = Files.list(PRIVATE.resolve("jetty"))) {
            jars.forEach(j -> cp.add(j.toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        cp.add(PRIVATE.resolve("app").toString());
        if (withConflicts) {
            // Versions the agent must not clash with: asm 3.x breaks jnr-ffi 2.3 if they meet.
            cp.add(lib("conflict-asm-3.3.1.jar").toString());
            cp.add(lib("conflict-jnr-ffi-2.2.16.jar").toString());
        }
        return cp;
    }

    /** @param agentArgs null to start without the agent */
    static ChildJvm start(String name, String java, List<String> jvmArgs, String agentArgs, boolean withConflicts)
            throws IOException {
        return start(name, List.of(), java, jvmArgs, agentArgs, withConflicts);
    }

    /** @param prefix a command to run java under, e.g. ip netns exec NS */
    static ChildJvm start(String name, List<String> prefix, String java, List<String> jvmArgs, String agentArgs,
            boolean withConflicts) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(java);
        cmd.add("-Xmx128m");
        cmd.addAll(jvmArgs);
        if (agentArgs != null) {
            cmd.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + (agentArgs.isEmpty() ? "" : "=" + agentArgs));
        }
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, appClassPath(withConflicts)));
        cmd.add(TinyJettyApp.class.getName());
        return new ChildJvm(ChildProcess.start(name, cmd));
    }

    String stdout() throws IOException {
        return child.stdout();
    }

    String stderr() throws IOException {
        return child.stderr();
    }

    /** Waits for the application to listen; returns its HTTP port. */
    int awaitApp() {
        return Integer.parseInt(child.awaitStdout(READY, Duration.ofSeconds(90)).group(1));
    }

    /** Waits until the agent's log says it is fully set up (feedback port, network checks, JMX). */
    void awaitAgent() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(child.process().isAlive()).as("child JVM alive; stderr: %s", stderr()).isTrue();
            assertThat(stderr()).contains("[lvs-agent] ready: feedback port").contains("[lvs-agent] set up in");
        });
    }

    /** GET / from the application. */
    static String httpGet(int port) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** One exchange on the agent port (null = send nothing, like HAProxy without agent-send). */
    static String agent(int port, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            if (request != null) {
                s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            }
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }


    Process process() {
        return child.process();
    }

    /** Asks the JVM to stop (SIGTERM: shutdown hooks run) and waits for it. */
    int stop(Duration timeout) throws InterruptedException {
        return child.stop(timeout);
    }

    @Override
    public void close() {
        child.kill();
    }
}
