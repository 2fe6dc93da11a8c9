package io.lvsfeedback.bridge.config;

import java.net.InetSocketAddress;

/**
 * Settings of one real server {@code RIP:PORT}, in every service that has it.
 *
 * @param agent      the agent to poll instead of {@code RIP:agent-port}, or null
 * @param baseWeight its base weight, or null (service setting, else the kernel's weight)
 */
public record DestinationSettings(InetSocketAddress agent, Integer baseWeight) {
    public static final DestinationSettings NONE = new DestinationSettings(null, null);
}
