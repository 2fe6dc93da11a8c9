package io.lvsfeedback.bridge.engine;

import io.lvsfeedback.bridge.policy.Decision;

/** Hooks for JMX and metrics; called on the engine thread, must not block. Every method is optional. */
public interface EngineListener {
    default void serviceAdded(ServiceState service) {}

    default void serviceRemoved(ServiceState service) {}

    default void destinationAdded(ServiceState service, DestinationState destination) {}

    default void destinationRemoved(ServiceState service, DestinationState destination) {}

    /** The cause of a destination's weight changed (e.g. to STALE, AGENT_ZERO or OVERRIDE). */
    default void causeChanged(DestinationState destination, Decision.Cause from, Decision decision) {}

    /** A weight was written to the kernel. */
    default void weightWritten(DestinationState destination, int from, int to, String reason) {}

    /** One cycle ended; {@code stats} says what it did. */
    default void cycleDone(CycleStats stats) {}
}
