package io.lvsfeedback.bridge.policy;

/**
 * The knobs of the weight policy for one service (validated by the configuration).
 *
 * @param minWeight lowest weight of a destination whose agent says ready (>= 1: ready is never 0)
 * @param maxWeight highest weight ever written
 * @param maxFactor a destination never gets more than {@code maxFactor} times its base weight
 * @param blackoutMillis a destination's capacity is not used before it reported this long (ORCA)
 * @param staleAfterMillis a report older than this is ignored and the base weight returns
 * @param maxStepPercent how far above the previous sample's target (the base when unknown) a weight may go,
 *                       in percent of the base weight (at least 1); drops are immediate
 * @param deadBandPercent load-driven changes smaller than this percent of the current weight are not written
 * @param weightLevels 0: load-driven weights exact; N: rounded to the coarsest step of at most N levels
 *                     of the service's largest load-driven weight that keeps every share within 10 %
 *                     (see {@link WeightLevels})
 * @param backlogDrainMillis 0: off; D: under {@code wrr}, a destination's requests queued at its server
 *                           ({@code pool_queue}) are taken off its capacity as if they had to be served
 *                           within D (see {@link Backlog})
 * @param fastFirstPercent 0: off; U: under {@code wrr}, servers at least twice as slow per request as the
 *                         fastest get only the traffic the others cannot take at U percent of their
 *                         capacity (see {@link FastFirst})
 */
public record PolicySettings(int minWeight, int maxWeight, double maxFactor, long blackoutMillis,
                             long staleAfterMillis, int maxStepPercent, int deadBandPercent, int weightLevels,
                             long backlogDrainMillis, int fastFirstPercent) {
    /** The settings before the fast-first term, which stays off. */
    public PolicySettings(int minWeight, int maxWeight, double maxFactor, long blackoutMillis,
                          long staleAfterMillis, int maxStepPercent, int deadBandPercent, int weightLevels,
                          long backlogDrainMillis) {
        this(minWeight, maxWeight, maxFactor, blackoutMillis, staleAfterMillis, maxStepPercent, deadBandPercent, weightLevels,
                backlogDrainMillis, 0);
    }

    /** The settings before the backlog and fast-first terms, which stay off. */
    public PolicySettings(int minWeight, int maxWeight, double maxFactor, long blackoutMillis,
                          long staleAfterMillis, int maxStepPercent, int deadBandPercent, int weightLevels) {
        this(minWeight, maxWeight, maxFactor, blackoutMillis, staleAfterMillis, maxStepPercent, deadBandPercent, weightLevels, 0, 0);
    }
}
