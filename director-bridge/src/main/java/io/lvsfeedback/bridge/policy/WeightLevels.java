package io.lvsfeedback.bridge.policy;

/**
 * Picks the step load-driven weights are rounded to: the coarsest one, of at most {@code weight-levels}
 * levels of the largest weight, that keeps every destination's share of the traffic within
 * {@link #TOLERANCE} of what the exact weights give.
 *
 * <p>Why the coarsest: IPVS's wrr deals one cycle of sum(weights)/gcd connections, and a destination
 * takes part only at the levels up to its weight, so its connections come in bursts a cycle long.
 * Capacities 1:2:4 at 20 levels (5:10:20) make a 35-connection cycle in which the smallest server
 * gets all of its share in the last 15 connections, nearly twice its rate; at 4 levels (1:2:4) the
 * cycle is 7 connections and each burst is one. Least-connection schedulers lose nothing by it: the
 * ratio stays within the tolerance. A destination whose exact weight is below one step of the finest
 * level is measured against that step, since it gets one step at any level (ready never rounds to 0).
 */
final class WeightLevels {
    /** The largest error in any destination's share, relative to that share: 10 %. */
    static final double TOLERANCE = 0.10;

    private WeightLevels() {}

    /**
     * The step for {@code weights} (the exact load-driven weights; all positive) with at most
     * {@code maxLevels} levels: 1 leaves them exact.
     */
    static int step(int[] weights, int maxLevels) {
        int top = 0;
        for (int w : weights) {
            top = Math.max(top, w);
        }
        if (top == 0 || maxLevels <= 0) {
            return 1;
        }
        double floor = (double) top / maxLevels;
        double[] wanted = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            wanted[i] = Math.max(weights[i], floor);
        }
        for (int levels = 1; levels < maxLevels; levels++) {
            int step = stepOf(top, levels);
            if (step == 1 || withinTolerance(wanted, step)) {
                return step;
            }
        }
        return stepOf(top, maxLevels);
    }

    /** The weight {@code weight} becomes in steps of {@code step}: at least one step. */
    static long round(int weight, int step) {
        return Math.max(1, Math.round((double) weight / step)) * step;
    }

    private static int stepOf(int top, int levels) {
        return Math.max(1, (int) Math.round((double) top / levels));
    }

    private static boolean withinTolerance(double[] wanted, int step) {
        double wantedSum = 0;
        double roundedSum = 0;
        long[] rounded = new long[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            wantedSum += wanted[i];
            rounded[i] = round((int) Math.round(wanted[i]), step);
            roundedSum += rounded[i];
        }
        for (int i = 0; i < wanted.length; i++) {
            double share = wanted[i] / wantedSum;
            if (Math.abs(rounded[i] / roundedSum - share) > TOLERANCE * share) {
                return false;
            }
        }
        return true;
    }
}
