package io.lvsfeedback.model.protocol;

/** What an agent-check line said; anything it did not mention is unset ("unchanged" in HAProxy). */
public final class AgentCheckReply {
    public static final int UNSET = -1;

    private final int weightPercent;
    private final int absoluteWeight;
    private final AdminState state;
    private final String reason;

    AgentCheckReply(int weightPercent, int absoluteWeight, AdminState state, String reason) {
        this.weightPercent = weightPercent;
        this.absoluteWeight = absoluteWeight;
        this.state = state;
        this.reason = reason;
    }

    /** 0..100, or {@link #UNSET}. */
    public int weightPercent() {
        return weightPercent;
    }

    /** {@code weight:N} without '%', or {@link #UNSET}. */
    public int absoluteWeight() {
        return absoluteWeight;
    }

    /** The state, or null when the line did not name one. */
    public AdminState state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    /**
     * As a report for a bridge: unmentioned state means ready, unmentioned weight means 100%
     * (an agent-check line carries no raw signals).
     */
    public FeedbackReport toReport() {
        return FeedbackReport.builder()
                .state(state == null ? AdminState.READY : state)
                .reason(reason)
                .weightPercent(weightPercent == UNSET ? FeedbackReport.MAX_WEIGHT_PERCENT : weightPercent)
                .build();
    }

    @Override
    public String toString() {
        return "AgentCheckReply{percent=" + weightPercent + ", weight=" + absoluteWeight
                + ", state=" + state + ", reason='" + reason + "'}";
    }
}
