package io.lvsfeedback.bridge.ipvs;

/** One weight to set: destination {@code destinationKey} of service {@code serviceKey}. */
public record WeightWrite(String serviceKey, String destinationKey, int weight) {
    public WeightWrite {
        if (weight < 0) {
            throw new IllegalArgumentException("weight must be >= 0, got " + weight);
        }
    }
}
