package io.lvsfeedback.bridge.policy;

import io.lvsfeedback.model.protocol.FeedbackReport;

/**
 * Everything the policy knows about one destination in one cycle; a snapshot, so the policy is a
 * pure function.
 *
 * @param key                {@code RIP:PORT}
 * @param kernelWeight       the weight the kernel has now (the applied weight)
 * @param baseWeight         the operator's weight: configured, or found in the kernel on first sight
 * @param quiesced           another party wrote weight 0; the bridge must not raise it
 * @param override           a weight an operator forced over JMX, or null
 * @param frozen             an operator froze the weight: nothing is written
 * @param report             the latest good report, or null when none arrived yet
 * @param reportAgeMillis    age of {@code report}
 * @param reportingForMillis how long reports have arrived without a stale gap (for the blackout)
 * @param knownForMillis     how long this bridge has known the destination (since its start, or
 *                           since the destination appeared): until stale-after, a destination with
 *                           no report yet keeps the kernel's weight
 * @param previousReport     the agent's report for the previous cycle's instant (the sample before
 *                           {@code report}'s), or null when unknown; the rise limit starts from the
 *                           target it gives (see {@link RiseLimit})
 * @param unansweredPolls    the last polls in a row whose connection the agent's host took and whose
 *                           reply did not come in time: the server is too slow to answer
 * @param previousUnansweredPolls the same count at the previous cycle: an answer that ends a silence
 *                           rises from the weight the silence left, not from its sample's
 */
public record DestinationInput(String key, int kernelWeight, int baseWeight, boolean quiesced,
                               Integer override, boolean frozen, FeedbackReport report,
                               long reportAgeMillis, long reportingForMillis, long knownForMillis,
                               FeedbackReport previousReport, int unansweredPolls, int previousUnansweredPolls) {

    /** No silence before this cycle. */
    public DestinationInput(String key, int kernelWeight, int baseWeight, boolean quiesced, Integer override,
                            boolean frozen, FeedbackReport report, long reportAgeMillis, long reportingForMillis,
                            long knownForMillis, FeedbackReport previousReport, int unansweredPolls) {
        this(key, kernelWeight, baseWeight, quiesced, override, frozen, report, reportAgeMillis, reportingForMillis,
                knownForMillis, previousReport, unansweredPolls, 0);
    }

    /** Every poll answered. */
    public DestinationInput(String key, int kernelWeight, int baseWeight, boolean quiesced, Integer override,
                            boolean frozen, FeedbackReport report, long reportAgeMillis, long reportingForMillis,
                            long knownForMillis, FeedbackReport previousReport) {
        this(key, kernelWeight, baseWeight, quiesced, override, frozen, report, reportAgeMillis, reportingForMillis,
                knownForMillis, previousReport, 0);
    }

    /** Without a previous sample: the rise limit starts from the base weight. */
    public DestinationInput(String key, int kernelWeight, int baseWeight, boolean quiesced, Integer override,
                            boolean frozen, FeedbackReport report, long reportAgeMillis, long reportingForMillis,
                            long knownForMillis) {
        this(key, kernelWeight, baseWeight, quiesced, override, frozen, report, reportAgeMillis, reportingForMillis,
                knownForMillis, null);
    }

    /** Known for long (older callers and tests): no report means the base weight at once. */
    public DestinationInput(String key, int kernelWeight, int baseWeight, boolean quiesced, Integer override,
                            boolean frozen, FeedbackReport report, long reportAgeMillis, long reportingForMillis) {
        this(key, kernelWeight, baseWeight, quiesced, override, frozen, report, reportAgeMillis, reportingForMillis,
                Long.MAX_VALUE);
    }

    /** The same destination after {@code polls} unanswered polls in a row (tests, and what-if questions). */
    public DestinationInput withUnansweredPolls(int polls) {
        return new DestinationInput(key, kernelWeight, baseWeight, quiesced, override, frozen, report, reportAgeMillis,
                reportingForMillis, knownForMillis, previousReport, polls, previousUnansweredPolls);
    }

    /** The same destination after a previous cycle with {@code polls} unanswered polls in a row (tests, what-if questions). */
    public DestinationInput withPreviousUnansweredPolls(int polls) {
        return new DestinationInput(key, kernelWeight, baseWeight, quiesced, override, frozen, report, reportAgeMillis,
                reportingForMillis, knownForMillis, previousReport, unansweredPolls, polls);
    }

    /** The same destination with another previous sample (tests, and what-if questions). */
    public DestinationInput withPreviousReport(FeedbackReport previous) {
        return new DestinationInput(key, kernelWeight, baseWeight, quiesced, override, frozen, report, reportAgeMillis,
                reportingForMillis, knownForMillis, previous, unansweredPolls, previousUnansweredPolls);
    }

    /**
     * This destination as the previous cycle saw it, for the target its sample gave: that sample,
     * fresh when it was taken (no report at all when the previous sample is unknown, which keeps the
     * destination out of the previous service mean), and as silent as the agent was then.
     */
    DestinationInput asPreviousCycle() {
        return new DestinationInput(key, kernelWeight, baseWeight, quiesced, override, frozen, previousReport, 0,
                reportingForMillis, Long.MAX_VALUE, null, previousUnansweredPolls, 0);
    }
}
