package io.lvsfeedback.samples.demo;

import java.util.List;

/** The cluster at one second of the demo. */
public record Tick(double seconds, List<ServerSample> servers) {

    public ServerSample server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server " + name + " in tick"));
    }
}
