package io.lvsfeedback.agent.config;

/** How much each pressure counts towards lowering the weight, each 0..1 (0 ignores it). */
public final class SignalWeights {
    private final double cpu;
    private final double gc;
    private final double heap;
    private final double pool;

    /** Values are checked where they come from (config, JMX) against {@link SettingRanges#SIGNAL_WEIGHT}. */
    public SignalWeights(double cpu, double gc, double heap, double pool) {
        this.cpu = cpu;
        this.gc = gc;
        this.heap = heap;
        this.pool = pool;
    }

    public double cpu() {
        return cpu;
    }

    public double gc() {
        return gc;
    }

    public double heap() {
        return heap;
    }

    public double pool() {
        return pool;
    }

    public SignalWeights withCpu(double v) {
        return new SignalWeights(v, gc, heap, pool);
    }

    public SignalWeights withGc(double v) {
        return new SignalWeights(cpu, v, heap, pool);
    }

    public SignalWeights withHeap(double v) {
        return new SignalWeights(cpu, gc, v, pool);
    }

    public SignalWeights withPool(double v) {
        return new SignalWeights(cpu, gc, heap, v);
    }

    @Override
    public String toString() {
        return "cpu=" + cpu + " gc=" + gc + " heap=" + heap + " pool=" + pool;
    }
}
