package io.lvsfeedback.bridge.kernel;

import io.lvsfeedback.testfixtures.Commands;
import io.lvsfeedback.testfixtures.NetworkNamespace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A client in a network namespace of its own, joined to the guest's root namespace (the director)
 * by a veth pair: its connections to a VIP enter IPVS from outside, as a real client's do.
 */
final class LabClient implements AutoCloseable {
    private static final String HOST_SIDE = "lvsfb-cv";
    private final NetworkNamespace namespace;

    private LabClient(NetworkNamespace namespace) {
        this.namespace = namespace;
    }

    /** {@code hostAddress}/24 on the director's side, {@code clientAddress}/24 and a default route on the client's. */
    static LabClient create(String hostAddress, String clientAddress) {
        NetworkNamespace ns = NetworkNamespace.withLoopbackUp("lvsfb-cli");
        LabClient client = new LabClient(ns);
        try {
            Commands.run("ip", "link", "add", HOST_SIDE, "type", "veth", "peer", "name", "eth0", "netns", ns.name());
            Commands.run("ip", "address", "add", hostAddress + "/24", "dev", HOST_SIDE);
            Commands.run("ip", "link", "set", HOST_SIDE, "up");
            ns.ip("address", "add", clientAddress + "/24", "dev", "eth0");
            ns.ip("link", "set", "eth0", "up");
            ns.ip("route", "add", "default", "via", hostAddress);
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** {@code n} HTTP requests (a new connection each) in one curl; the status of each, 000 for none. */
    List<String> get(String url, int n) {
        List<String> command = new ArrayList<>(namespace.execPrefix());
        command.addAll(List.of("curl", "-s", "-H", "Connection: close", "--max-time", "3", "-w", "%{http_code}\\n"));
        for (int i = 0; i < n; i++) {
            command.addAll(List.of("-o", "/dev/null", url)); // one -o per URL, or the bodies are printed
        }
        String out = Commands.exec(command, 60 + 3 * n).stdout;
        return Arrays.asList(out.strip().split("\n"));
    }

    @Override
    public void close() {
        Commands.quietly("ip", "link", "del", HOST_SIDE);
        namespace.close();
    }
}
