package io.lvsfeedback.bridge.ipvs;

import java.net.InetAddress;

/** A real server of a service as the kernel shows it. */
public record DestinationEntry(DestinationKey key, int weight, long activeConnections) {
    public InetAddress address() {
        return key.address();
    }

    public int port() {
        return key.port();
    }
}
