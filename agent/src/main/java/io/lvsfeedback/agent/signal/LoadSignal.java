package io.lvsfeedback.agent.signal;

import java.util.Map;

/**
 * One source of load measurements (CPU, GC, threads, ...). Each reading it cannot take is NaN, so
 * one unavailable source never breaks the others. Closing it removes its listeners.
 */
public interface LoadSignal extends AutoCloseable {
    /** Puts this source's current values, by protocol signal name, into {@code out}. */
    void sample(Map<String, Double> out);

    /**
     * Where the last sample's values came from when that varies (e.g. {@code requests:micrometer,pool:tomcat},
     * see {@link SignalSources}); empty for a signal of the JVM itself.
     */
    default String source() {
        return "";
    }

    @Override
    default void close() {}
}
