package io.lvsfeedback.agent.realserver;

import java.util.Optional;

/**
 * One thing the real server needs (a VIP on an interface, a sysctl value, a link up). It can check
 * itself, bring itself about, and take back exactly what it changed.
 */
interface Requirement {
    /** Stable name, also the {@link Check#name()}. */
    String name();

    /** The current state; never throws, an unreadable state is a failed check. */
    Check verify();

    /** Brings the requirement about if it is not met; a no-op when it is. */
    void configure() throws EnvironmentException;

    /** Reverts what {@link #configure()} changed, and says what it did; empty when it changed nothing. */
    Optional<Check> undo();
}
