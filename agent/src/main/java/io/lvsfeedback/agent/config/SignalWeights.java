package io.lvsfeedback.agent.config;

/** How much each pressure counts towards lowering the weight, each 0..1 (0 ignores it). */
public final class SignalWeights {
    private final double cpu;
    private final double gc;
    private final double heap;
    private final double pool;

    public SignalWeights(double cpu, double gc, double heap, double pool) {
        this.cpu = check("weight.cpu", cpu);
        this.gc = check("weight.gc", gc);
        this.heap = check("weight.heap", heap);
        this.pool = check("weight.pool", pool);
    }

    private static double check(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be 0..1, got " + v);
        }
        return v;
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
