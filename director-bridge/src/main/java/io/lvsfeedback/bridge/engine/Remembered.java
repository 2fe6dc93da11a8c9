package io.lvsfeedback.bridge.engine;

/**
 * A destination's memory across a restart.
 *
 * @param base     its base weight
 * @param weight   the weight the kernel had (or the bridge wrote) last
 * @param quiesced another party had written 0
 */
public record Remembered(int base, int weight, boolean quiesced) {
}
