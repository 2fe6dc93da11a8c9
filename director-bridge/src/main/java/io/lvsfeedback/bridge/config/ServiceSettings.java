package io.lvsfeedback.bridge.config;

import io.lvsfeedback.bridge.policy.PolicySettings;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.nio.file.Path;
import java.util.List;

/**
 * Settings of one virtual service (global defaults with the service's own section on top).
 *
 * @param agentPorts           agent ports to poll on each real server, in order
 * @param secretFile           where {@code secret} came from, or null
 * @param baseWeight           base weight for all destinations of the service, or null: the kernel's
 */
public record ServiceSettings(List<Integer> agentPorts, Path secretFile, SharedSecret secret,
                              boolean allowUnauthenticated, PolicySettings policy, Integer baseWeight) {
    public ServiceSettings {
        agentPorts = List.copyOf(agentPorts);
    }
}
