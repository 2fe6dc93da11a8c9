package io.lvsfeedback.agent.report;

import io.lvsfeedback.model.protocol.FeedbackReport;

/**
 * The last reports published, so that every director asking for the same instant ({@code at=} in
 * the request) gets the same sample however late its poll: two directors then decide from the same
 * numbers and write the same weights (director-bridge README, several directors). Bounded: the
 * last {@link #CAPACITY} publications, a few seconds at the default 500 ms samples.
 */
final class ReportHistory {
    static final int CAPACITY = 16;

    private final FeedbackReport[] ring = new FeedbackReport[CAPACITY];
    private int next;
    private int size;

    synchronized void add(FeedbackReport report) {
        ring[next] = report;
        next = (next + 1) % CAPACITY;
        size = Math.min(CAPACITY, size + 1);
    }

    /**
     * The newest report whose sample was taken at or before {@code atMillis}; the newest of all when
     * {@code atMillis} is 0 or older than everything kept (a poll that late is better served fresh).
     */
    synchronized FeedbackReport at(long atMillis) {
        if (size == 0) {
            return null;
        }
        FeedbackReport newest = ring[Math.floorMod(next - 1, CAPACITY)];
        if (atMillis <= 0) {
            return newest;
        }
        for (int i = 1; i <= size; i++) {
            FeedbackReport r = ring[Math.floorMod(next - i, CAPACITY)];
            if (r.epochMillis() <= atMillis) {
                return r;
            }
        }
        return newest;
    }
}
