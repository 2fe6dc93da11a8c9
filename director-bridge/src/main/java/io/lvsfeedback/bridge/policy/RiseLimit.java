package io.lvsfeedback.bridge.policy;

/**
 * The slew limit on rises, as a function of the reports: a load-driven or stale weight is at most
 * one step ({@code max-step-percent} of the base) above the target the previous cycle's sample
 * gave, or above the base weight when that sample is unknown. It never starts from the kernel's
 * weight: two directors whose kernels hold different weights (one missed a cycle, one just started)
 * would otherwise stay apart for as many cycles as the difference has steps. One odd high sample
 * moves a weight by at most one step; a rise two samples agree on is taken whole, one interval later.
 */
final class RiseLimit {
    private RiseLimit() {}

    /** One step: {@code maxStepPercent} of the base, rounded up, at least 1; in long (65535 x 100 % overflows int). */
    static long step(int baseWeight, int maxStepPercent) {
        return Math.max(1, ((long) baseWeight * maxStepPercent + 99) / 100);
    }

    /**
     * The highest weight this cycle may write.
     *
     * @param previousTarget the target of the previous cycle's sample, or null when unknown (first
     *                       cycle, a sample the agent no longer keeps): then the base, the weight the
     *                       policy falls back to without reports, identical on every director
     */
    static long ceiling(int baseWeight, Integer previousTarget, int maxStepPercent) {
        int from = previousTarget != null ? previousTarget : baseWeight;
        return from + step(baseWeight, maxStepPercent);
    }

    /** A few words for the decision's reason: where the limit started. */
    static String from(int baseWeight, Integer previousTarget) {
        return previousTarget != null ? "previous sample's target " + previousTarget
                : "base " + baseWeight + " (previous sample unknown)";
    }
}
