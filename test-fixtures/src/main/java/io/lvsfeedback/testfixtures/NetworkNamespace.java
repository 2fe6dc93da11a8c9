package io.lvsfeedback.testfixtures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one helper for a network namespace that exists only for one test: interfaces, addresses,
 * routes and IPVS tables made in it vanish with it ({@link #close()}), so nothing leaks into the
 * host or the lab guest. Names are unique per JVM and test run.
 */
public final class NetworkNamespace implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** Creates {@code PREFIX-PID-N}. */
    public static NetworkNamespace create(String prefix) {
        String name = prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        Commands.run("ip", "netns", "add", name);
        return new NetworkNamespace(name);
    }

    /** Creates one with {@code lo} up. */
    public static NetworkNamespace withLoopbackUp(String prefix) {
        NetworkNamespace namespace = create(prefix);
        try {
            namespace.ip("link", "set", "lo", "up");
        } catch (RuntimeException e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    /** True when this process may create namespaces (root with the ip tool). */
    public static boolean available() {
        try {
            create("lvsfb-probe").close();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String name() {
        return name;
    }

    /** Runs {@code ip -n NAME ARGS...} and returns its stdout. */
    public String ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(Arrays.asList(args));
        return Commands.run(command.toArray(new String[0]));
    }

    /** Runs a command inside the namespace ({@code ip netns exec}) and returns its stdout. */
    public String exec(String... args) {
        List<String> command = execPrefix();
        command.addAll(Arrays.asList(args));
        return Commands.run(command.toArray(new String[0]));
    }

    /** {@code ip netns exec NAME}, to put before a command of one's own. */
    public List<String> execPrefix() {
        return new ArrayList<>(List.of("ip", "netns", "exec", name));
    }

    /** Deletes the namespace; never fails (it may be gone already). */
    @Override
    public void close() {
        Commands.exec(List.of("ip", "netns", "del", name), 30);
    }
}
