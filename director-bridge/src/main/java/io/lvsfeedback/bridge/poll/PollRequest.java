package io.lvsfeedback.bridge.poll;

import io.lvsfeedback.model.protocol.SharedSecret;
import java.net.InetSocketAddress;

/**
 * One agent to poll and how to trust its reply.
 *
 * @param secret               key to check the reply's HMAC, or null when none is configured
 * @param allowUnauthenticated accept unsigned replies and plain HAProxy agent-check lines
 */
public record PollRequest(InetSocketAddress agent, SharedSecret secret, boolean allowUnauthenticated) {
}
