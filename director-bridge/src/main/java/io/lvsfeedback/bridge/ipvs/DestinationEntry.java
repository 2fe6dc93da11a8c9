package io.lvsfeedback.bridge.ipvs;

import java.net.InetAddress;

/** A real server of a service as the kernel shows it. {@code key} is {@code 10.0.0.2:80} or {@code [::1]:80}. */
public record DestinationEntry(InetAddress address, int port, int weight, long activeConnections) {
    public String key() {
        return Endpoints.format(address, port);
    }
}
