package io.lvsfeedback.bridge.engine;

/** Milliseconds for the policy's timers (blackout, stale); swapped for a manual clock in tests. */
@FunctionalInterface
public interface ClockSource {
    ClockSource SYSTEM = () -> System.nanoTime() / 1_000_000;

    long millis();
}
