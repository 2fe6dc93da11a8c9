package io.lvsfeedback.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The documented secured remote JMX recipe as an operator follows it: {@code samples/bin/jmx-secure-setup}
 * makes the password, access and TLS files for a port pair on 127.0.0.1, and {@code samples/jmxterm/jmx}
 * (the real jmxterm) calls the JVM with exactly the {@code JMX_*} variables a test gives it. Paths
 * are relative to a module's directory, as Maven runs the tests.
 */
public final class SecuredJmx {
    private static final Path SETUP = Paths.get("../samples/bin/jmx-secure-setup");
    private static final Path JMX = Paths.get("../samples/jmxterm/jmx");
    /** A jmxterm start on a busy machine has taken over a minute. */
    private static final int TIMEOUT_SECONDS = 180;

    private final Path dir;
    private final int port;
    private final Path jmxtermJar;
    private final Map<String, String> client;
    private final String jmxOpts;

    private SecuredJmx(Path dir, int port, Path jmxtermJar, Map<String, String> client, String jmxOpts) {
        this.dir = dir;
        this.port = port;
        this.jmxtermJar = jmxtermJar;
        this.client = client;
        this.jmxOpts = jmxOpts;
    }

    /** Runs the setup for a free port pair into {@code dir}; jmxterm runs from {@code jmxtermJar}. */
    public static SecuredJmx setUp(Path dir, Path jmxtermJar) {
        int port = freePortPair();
        String out = run(Arrays.asList(SETUP.toString(), "--dir", dir.toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port)), Map.of(), 120, true);
        if (!Files.isRegularFile(dir.resolve("client.env")) || !Files.isRegularFile(dir.resolve("jvm.env"))) {
            throw new IllegalStateException("jmx-secure-setup made no client.env and jvm.env: " + out);
        }
        return new SecuredJmx(dir, port, jmxtermJar, env(dir.resolve("client.env")),
                env(dir.resolve("jvm.env")).get("JMX_OPTS"));
    }

    public Path dir() {
        return dir;
    }

    /** The RMI registry's port; the TLS connector listens on the next one. */
    public int port() {
        return port;
    }

    /** The operator's client settings (client.env: truststore and credentials), a copy to change. */
    public Map<String, String> client() {
        return new HashMap<>(client);
    }

    /** The JVM options exactly as the systemd units get them ({@code JMX_OPTS} of jvm.env). */
    public String jmxOpts() {
        return jmxOpts;
    }

    /** The password of {@code user} in jmx.password. */
    public String password(String user) {
        try {
            for (String line : Files.readAllLines(dir.resolve("jmx.password"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2 && f[0].equals(user)) {
                    return f[1];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no " + user + " in jmx.password");
    }

    /** {@code samples/jmxterm/jmx 127.0.0.1:PORT SCRIPT ARGS} with exactly the {@code JMX_*} variables of {@code env}; its output. */
    public String jmx(Map<String, String> env, String script, String... args) {
        List<String> command = new ArrayList<>(Arrays.asList(JMX.toString(), "127.0.0.1:" + port, script));
        command.addAll(Arrays.asList(args));
        Map<String, String> all = new HashMap<>(env);
        all.put("JMXTERM_JAR", jmxtermJar.toString());
        all.put("JAVA", ChildJar.java().toString());
        all.put("JMX_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"); // a quicker start
        return run(command, all, TIMEOUT_SECONDS, false);
    }

    /** A port P with P + 1 free as well (the plain registry and the TLS connector). */
    public static int freePortPair() {
        for (int i = 0; i < 50; i++) {
            int p = FreePort.onLoopback();
            if (p < 65535 && free(p + 1)) {
                return p;
            }
        }
        throw new IllegalStateException("no two adjacent free ports");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * stdout and stderr together, through a file (a hung command cannot block the read); bounded;
     * with {@code mustSucceed}, a non-zero exit status fails with the output.
     */
    private static String run(List<String> command, Map<String, String> env, int timeoutSeconds, boolean mustSucceed) {
        Path output = null;
        try {
            output = Files.createTempFile("secured-jmx", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("JMX_"));
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not end within " + timeoutSeconds + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (mustSucceed && p.exitValue() != 0) {
                throw new IllegalStateException(command + " exited " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    private static Map<String, String> env(Path file) {
        Map<String, String> env = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }
}
