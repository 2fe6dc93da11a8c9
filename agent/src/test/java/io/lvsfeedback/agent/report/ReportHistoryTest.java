package io.lvsfeedback.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import org.junit.jupiter.api.Test;

class ReportHistoryTest {
    private static FeedbackReport sample(long epochMillis, int weight) {
        return FeedbackReport.builder().state(AdminState.READY).weightPercent(weight).epochMillis(epochMillis).build();
    }

    @Test
    void twoDirectorsAskingForTheSameInstantGetTheSameSampleThoughOnePollsAfterTheNextSample() {
        ReportHistory h = new ReportHistory();
        h.add(sample(1_000, 50));
        FeedbackReport onTime = h.at(1_200);
        h.add(sample(1_500, 90)); // the next sample lands before the late director's poll
        FeedbackReport late = h.at(1_200);
        assertThat(late).isSameAs(onTime);
        assertThat(late.weightPercent()).isEqualTo(50);
        assertThat(h.at(1_700).weightPercent()).isEqualTo(90);
    }

    @Test
    void theNewestPublicationOfASampleWinsSoADrainBetweenSamplesIsSeen() {
        ReportHistory h = new ReportHistory();
        h.add(sample(1_000, 50));
        FeedbackReport drained = FeedbackReport.builder().state(AdminState.DRAIN).weightPercent(0).epochMillis(1_000).build();
        h.add(drained);
        assertThat(h.at(1_200)).isSameAs(drained);
    }

    @Test
    void latestForZeroAndForAnInstantOlderThanAnythingKept() {
        ReportHistory h = new ReportHistory();
        assertThat(h.at(5)).isNull();
        for (int i = 0; i < ReportHistory.CAPACITY + 5; i++) {
            h.add(sample(10_000 + 500L * i, i));
        }
        int newest = ReportHistory.CAPACITY + 4;
        assertThat(h.at(0).weightPercent()).isEqualTo(newest);
        assertThat(h.at(Long.MAX_VALUE).weightPercent()).isEqualTo(newest);
        // The first five fell out of the ring: a poll that late gets the freshest, not a stale one.
        assertThat(h.at(10_000 + 500L * 2).weightPercent()).isEqualTo(newest);
        assertThat(h.at(10_000 + 500L * 5).weightPercent()).isEqualTo(5);
    }
}
