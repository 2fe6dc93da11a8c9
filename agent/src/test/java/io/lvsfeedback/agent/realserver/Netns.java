package io.lvsfeedback.agent.realserver;

import io.lvsfeedback.testfixtures.NetworkNamespace;
import java.util.List;

/**
 * A network namespace of this test run ({@link #close()} deletes it): the shared
 * {@link NetworkNamespace} plus the shell look-ups the real-server tests make in it.
 */
final class Netns implements AutoCloseable {
    private final NetworkNamespace namespace;
    final String name;

    private Netns(NetworkNamespace namespace) {
        this.namespace = namespace;
        this.name = namespace.name();
    }

    static Netns create() {
        return new Netns(NetworkNamespace.create("lvsfb-rs"));
    }

    /** True when this process may create namespaces (root with the ip tool). */
    static boolean available() {
        return NetworkNamespace.available();
    }

    /** Runs a shell command inside the namespace; fails on a non-zero exit. Returns stdout. */
    String sh(String script) {
        return namespace.exec("sh", "-c", script);
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
        return namespace.execPrefix();
    }

    @Override
    public void close() {
        namespace.close();
    }
}
