package io.lvsfeedback.netlink.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A network namespace that exists only for one test: IPVS tables, interfaces and routes made in it
 * vanish with it, so nothing leaks into the lab guest or the host.
 */
final class ThrowawayNamespace implements AutoCloseable {
    private final String name;

    private ThrowawayNamespace(String name) {
        this.name = name;
    }

    /** Creates {@code lvsfb-PURPOSE-RANDOM} with {@code lo} up. */
    static ThrowawayNamespace create(String purpose) {
        String name = "lvsfb-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        ProcessRunner.run("ip", "netns", "add", name);
        ThrowawayNamespace namespace = new ThrowawayNamespace(name);
        try {
            namespace.run("ip", "link", "set", "lo", "up");
        } catch (RuntimeException e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    String name() {
        return name;
    }

    /** Runs a command inside the namespace and returns its stdout. */
    String run(String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
        argv.addAll(Arrays.asList(command));
        return ProcessRunner.run(argv.toArray(new String[0]));
    }

    @Override
    public void close() {
        ProcessRunner.run("ip", "netns", "delete", name);
    }
}
