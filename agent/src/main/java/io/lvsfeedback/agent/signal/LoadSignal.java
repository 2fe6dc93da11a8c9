package io.lvsfeedback.agent.signal;

import java.util.Map;

/**
 * One source of load measurements (CPU, GC, threads, ...). Each reading it cannot take is NaN, so
 * one unavailable source never breaks the others. Closing it removes its listeners.
 */
public interface LoadSignal extends AutoCloseable {
    /** Puts this source's current values, by protocol signal name, into {@code out}. */
    void sample(Map<String, Double> out);

    @Override
    default void close() {}
}
