package io.lvsfeedback.bridge.policy;

/**
 * A destination whose host takes the poll's connection while its agent does not answer in time:
 * the JVM is alive and too slow to run even the agent (CPU starved by a neighbour or a cgroup
 * quota, stopped, paging, in a long GC). Its last report, or the base weight, would go on sending
 * it a full share; instead its weight is halved for every such poll after the first, down to the
 * minimum weight, until the agent answers again. One miss moves nothing: a 200 ms pause delays at
 * most one poll. A refused or unreachable agent is not this case (the stale rule applies).
 */
final class SilentAgent {
    /** Unanswered polls in a row before the weight is lowered. */
    static final int CONFIRM_POLLS = 2;

    private SilentAgent() {}

    static boolean applies(DestinationInput in) {
        return in.unansweredPolls() >= CONFIRM_POLLS;
    }

    /** {@code weight} halved once per unanswered poll after the first; never below {@code minWeight}. */
    static int lowered(int weight, int unansweredPolls, int minWeight) {
        int halvings = Math.min(30, unansweredPolls - CONFIRM_POLLS + 1);
        return Math.max(minWeight, weight >> halvings);
    }

    static String reason(int from, int to, int unansweredPolls) {
        return "its agent took the last " + unansweredPolls + " polls' connections and did not answer in time (a"
                + " starved or stopped JVM): " + from + " -> " + to;
    }
}
