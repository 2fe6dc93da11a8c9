package io.lvsfeedback.agent.server;

import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.function.Supplier;

/** The report to answer a request with: the sample at or before a wall-clock instant, 0 for the latest. */
@FunctionalInterface
public interface ReportSource {
    FeedbackReport reportAt(long atMillis);

    /** A source that has only its latest report (tests, and agents that keep no history). */
    static ReportSource latest(Supplier<FeedbackReport> latest) {
        return atMillis -> latest.get();
    }
}
