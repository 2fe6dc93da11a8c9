package io.lvsfeedback.bridge.engine;

/**
 * A destination's memory across a restart.
 *
 * @param base     its base weight
 * @param weight   the weight the kernel had (or the bridge wrote) last
 * @param quiesced another party had written 0
 * @param pending  a weight the bridge was about to write when it saved this, or -1: a bridge killed
 *                 in the middle of a batch finds its own write in the kernel, not another party's
 */
public record Remembered(int base, int weight, boolean quiesced, int pending) {
    public static final int NONE = -1;

    public Remembered(int base, int weight, boolean quiesced) {
        this(base, weight, quiesced, NONE);
    }

    /** True when the kernel's weight is one this bridge wrote or was writing. */
    boolean ours(int kernelWeight) {
        return kernelWeight == weight || (pending != NONE && kernelWeight == pending);
    }
}
