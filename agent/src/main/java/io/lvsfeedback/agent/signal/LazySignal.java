package io.lvsfeedback.agent.signal;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds its signal on the first sample, on the sampler thread: constructing the signals touches
 * the platform MBean server and the GC MXBeans (hundreds of ms on a busy machine), which must not
 * delay the feedback port. A constructor that fails is tried again on the next sample.
 */
public final class LazySignal implements LoadSignal {
    private final Supplier<LoadSignal> factory;
    private LoadSignal signal;
    private boolean closed;

    public LazySignal(Supplier<LoadSignal> factory) {
        this.factory = factory;
    }

    @Override
    public synchronized void sample(Map<String, Double> out) {
        if (closed) {
            return;
        }
        if (signal == null) {
            signal = factory.get();
        }
        signal.sample(out);
    }

    @Override
    public synchronized String source() {
        return signal == null ? "" : signal.source();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (signal != null) {
            signal.close();
        }
    }
}
