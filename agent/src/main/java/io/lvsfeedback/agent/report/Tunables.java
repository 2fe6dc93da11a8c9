package io.lvsfeedback.agent.report;

import io.lvsfeedback.agent.config.AgentConfig;
import io.lvsfeedback.agent.config.SignalWeights;
import java.time.Duration;

/** The settings of the load model that are safe to change while running (over JMX). Immutable. */
public final class Tunables {
    private final Duration smoothing;
    private final SignalWeights weights;
    private final double gcLimit;
    private final double heapHigh;
    private final int minWeight;

    /** Values are checked where they come from: {@link AgentConfig}, and the JMX setters against {@code SettingRanges}. */
    public Tunables(Duration smoothing, SignalWeights weights, double gcLimit, double heapHigh, int minWeight) {
        this.smoothing = smoothing;
        this.weights = weights;
        this.gcLimit = gcLimit;
        this.heapHigh = heapHigh;
        this.minWeight = minWeight;
    }

    public static Tunables from(AgentConfig config) {
        return new Tunables(config.smoothing(), config.signalWeights(), config.gcLimit(), config.heapHigh(),
                config.minWeight());
    }

    public Duration smoothing() {
        return smoothing;
    }

    public SignalWeights weights() {
        return weights;
    }

    public double gcLimit() {
        return gcLimit;
    }

    public double heapHigh() {
        return heapHigh;
    }

    public int minWeight() {
        return minWeight;
    }

    public Tunables withSmoothing(Duration d) {
        return new Tunables(d, weights, gcLimit, heapHigh, minWeight);
    }

    public Tunables withWeights(SignalWeights w) {
        return new Tunables(smoothing, w, gcLimit, heapHigh, minWeight);
    }

    public Tunables withMinWeight(int m) {
        return new Tunables(smoothing, weights, gcLimit, heapHigh, m);
    }
}
