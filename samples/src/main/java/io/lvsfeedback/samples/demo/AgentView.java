package io.lvsfeedback.samples.demo;

/**
 * What the demo shows of one agent's report: its state, suggested weight and the main signals
 * (NaN when the agent did not send one). {@link #UNREACHABLE} when the poll failed.
 */
public record AgentView(String state, int weightPercent, double rps, double p99Millis, double cpuProcess,
                        double poolBusy, double utilization) {

    public static final AgentView UNREACHABLE =
            new AgentView("-", -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
