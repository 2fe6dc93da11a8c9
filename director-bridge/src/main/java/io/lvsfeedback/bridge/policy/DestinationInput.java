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
 */
public record DestinationInput(String key, int kernelWeight, int baseWeight, boolean quiesced,
                               Integer override, boolean frozen, FeedbackReport report,
                               long reportAgeMillis, long reportingForMillis, long knownForMillis) {

    /** Known for long (older callers and tests): no report means the base weight at once. */
    public DestinationInput(String key, int kernelWeight, int baseWeight, boolean quiesced, Integer override,
                            boolean frozen, FeedbackReport report, long reportAgeMillis, long reportingForMillis) {
        this(key, kernelWeight, baseWeight, quiesced, override, frozen, report, reportAgeMillis, reportingForMillis,
                Long.MAX_VALUE);
    }
}
