package io.lvsfeedback.samples.demo;

/**
 * What the demo shows of one agent's report: its state, suggested weight and the main signals
 * (NaN when the agent did not send one), with the inputs of its capacity (util = concurrency / pool_max,
 * smoothed) so a surprising weight can be traced to them. {@link #UNREACHABLE} when the poll failed.
 */
public record AgentView(String state, int weightPercent, double rps, double p99Millis, double cpuProcess,
                        double poolBusy, double utilization, double concurrency, double poolMax,
                        double capacity) {

    public static final AgentView UNREACHABLE =
            new AgentView("-", -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN);
}
