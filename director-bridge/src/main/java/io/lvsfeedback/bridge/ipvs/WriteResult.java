package io.lvsfeedback.bridge.ipvs;

/** The outcome of one {@link WeightWrite}: {@code error} is null when it was applied. */
public record WriteResult(WeightWrite change, String error) {
    public static WriteResult ok(WeightWrite change) {
        return new WriteResult(change, null);
    }

    public static WriteResult failed(WeightWrite change, String error) {
        return new WriteResult(change, error);
    }

    public boolean succeeded() {
        return error == null;
    }
}
