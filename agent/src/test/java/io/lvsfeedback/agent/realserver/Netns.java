package io.lvsfeedback.agent.realserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A network namespace of this test run, with a unique name; {@link #close()} deletes it. */
final class Netns implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final String name;

    private Netns(String name) {
        this.name = name;
    }

    static Netns create() {
        Netns ns = new Netns("lvsfb-rs-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
        run(Arrays.asList("ip", "netns", "add", ns.name));
        return ns;
    }

    /** True when this process may create namespaces (root with the ip tool). */
    static boolean available() {
        try {
            Netns probe = create();
            probe.close();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Runs a shell command inside the namespace; fails on a non-zero exit. Returns stdout. */
    String sh(String script) {
        return run(Arrays.asList("ip", "netns", "exec", name, "sh", "-c", script));
    }

    /** {@code sysctl -n} inside the namespace. */
    String sysctl(String key) {
        return sh("sysctl -n " + key).trim();
    }

    /** {@code ip -o addr show dev IF} inside the namespace. */
    String addresses(String ifname) {
        return sh("ip -o addr show dev " + ifname);
    }

    List<String> execPrefix() {
        return new ArrayList<>(Arrays.asList("ip", "netns", "exec", name));
    }

    @Override
    public void close() {
        run(Arrays.asList("ip", "netns", "del", name));
    }

    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = readAll(p.getInputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed (exit " + p.exitValue() + "): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
