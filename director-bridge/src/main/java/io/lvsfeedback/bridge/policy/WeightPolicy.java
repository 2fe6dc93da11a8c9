package io.lvsfeedback.bridge.policy;

import io.lvsfeedback.bridge.policy.Decision.Cause;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the state of all destinations of one service into weights. Pure: same inputs, same
 * decisions; no clock, no I/O.
 *
 * <p>Order of precedence per destination: frozen, operator override, externally quiesced, stale or
 * missing report (base weight; 0 when the last verified report said drain, maint or down; the
 * kernel's weight while the bridge has known the destination for less than stale-after), agent's
 * drain/maint/down (0), then the load report. Load-driven weights are relative: capacity divided by
 * the service's mean capacity, times the base weight, so the operator's weights still set the
 * proportions; a destination without a capacity gets the mean when others have one, and the agent's
 * suggested percent only when none has. Then the all-zero guard, the dead band and the rise limit
 * apply. An agent whose host takes the poll but which does not answer in time lowers its
 * destination's load-driven or stale weight ({@link SilentAgent}). With {@code weight-levels},
 * load-driven weights are rounded to a common step first (see {@link #quantize} and
 * {@link WeightLevels}). Under {@code wrr}, requests queued at a server in two samples in a row come
 * off its capacity first ({@link Backlog}), and a server much slower per request than the fastest gets
 * only what the others cannot take ({@link FastFirst}).
 *
 * <p>Directors that poll the same agents must write the same weights (ECMP with {@code mh} keeps a
 * flow on one real server only then), so the load-driven target depends on the reports alone: the
 * blackout is the agent's uptime, not when this bridge first saw it, and the rise limit starts from
 * the target of the previous cycle's sample, not from the kernel's weight ({@link RiseLimit}). What
 * still depends on the kernel's current weight: a frozen weight, the all-zero guard, the first
 * stale-after of a bridge that has no report yet, and the dead band, off by default for that
 * reason. Drops are never slowed: a confirmed overload must lose its traffic now.
 */
public final class WeightPolicy {
    private WeightPolicy() {}

    /** Decisions for a service whose scheduler is unknown (no scheduler-specific term applies). */
    public static List<Decision> decide(List<DestinationInput> inputs, PolicySettings settings) {
        return decide(inputs, settings, null);
    }

    /** Decisions for a service with this IPVS scheduler ({@code wrr} adds the {@link Backlog} term). */
    public static List<Decision> decide(List<DestinationInput> inputs, PolicySettings settings, String scheduler) {
        boolean backlog = Backlog.applies(scheduler, settings);
        boolean fastFirst = FastFirst.applies(scheduler, settings);
        List<Wish> wishes = wishes(inputs, settings, backlog, fastFirst);
        Integer[] previousTargets = previousTargets(inputs, settings, fastFirst);
        guardAllZero(inputs, wishes);
        List<Decision> decisions = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            decisions.add(limit(inputs.get(i), wishes.get(i), previousTargets[i], settings));
        }
        return decisions;
    }

    /** Every destination's wish from the operator's flags and the reports, before guard and limits. */
    private static List<Wish> wishes(List<DestinationInput> inputs, PolicySettings settings, boolean backlog,
            boolean fastFirst) {
        List<Wish> wishes = new ArrayList<>(inputs.size());
        for (DestinationInput in : inputs) {
            wishes.add(administrativeWish(in, settings));
        }
        applyLoad(inputs, wishes, settings, backlog, fastFirst);
        return wishes;
    }

    /**
     * The target each destination's previous sample gave, computed over the previous samples of the
     * whole service (targets are relative to the service's mean); null where that sample is unknown.
     * The rise limit starts from it (see {@link RiseLimit}), so it depends on reports, not on what
     * this director's kernel happens to hold. After a silence ({@link SilentAgent}) it is the weight
     * the silence left: one answer, however fast it says the server is, lifts a starved server by one
     * step, and the next answer that agrees takes the rest.
     */
    private static Integer[] previousTargets(List<DestinationInput> inputs, PolicySettings settings, boolean fastFirst) {
        List<DestinationInput> previous = new ArrayList<>(inputs.size());
        for (DestinationInput in : inputs) {
            previous.add(in.asPreviousCycle());
        }
        // The previous cycle's own previous sample is not held, so its queue never counts (Backlog
        // needs two samples): the rise back after a queue drained starts from the capacity's share.
        List<Wish> wishes = wishes(previous, settings, false, fastFirst);
        Integer[] targets = new Integer[inputs.size()];
        for (int i = 0; i < targets.length; i++) {
            Cause c = wishes.get(i).cause;
            boolean sampled = inputs.get(i).previousReport() != null && (c == Cause.LOAD || c == Cause.AGENT_ZERO);
            // A silence lowered the previous target whether or not its sample is known.
            boolean silenced = SilentAgent.applies(previous.get(i)) && (c == Cause.LOAD || c == Cause.STALE);
            if (sampled || silenced) {
                targets[i] = wishes.get(i).weight;
            }
        }
        return targets;
    }

    /** A wish before the rate limits: null weight means "from the load report, computed later". */
    private static final class Wish {
        Integer weight;
        String reason;
        Cause cause;
        /** Passes the dead band and the rise limit: load-driven and stale wishes, but not a kept weight. */
        final boolean limited;

        Wish(Integer weight, String reason, Cause cause) {
            this(weight, reason, cause, cause == Cause.LOAD || cause == Cause.STALE);
        }

        Wish(Integer weight, String reason, Cause cause, boolean limited) {
            this.weight = weight;
            this.reason = reason;
            this.cause = cause;
            this.limited = limited;
        }
    }

    private static Wish administrativeWish(DestinationInput in, PolicySettings s) {
        if (in.frozen()) {
            return new Wish(in.kernelWeight(), "frozen by operator at " + in.kernelWeight(), Cause.FROZEN);
        }
        if (in.override() != null) {
            return new Wish(in.override(), "operator override " + in.override(), Cause.OVERRIDE);
        }
        if (in.quiesced()) {
            return new Wish(0, "weight 0 written by another party (health checker or operator): "
                    + "not raised until it writes a weight again", Cause.QUIESCED);
        }
        FeedbackReport report = in.report();
        if (report == null) {
            if (in.knownForMillis() < s.staleAfterMillis()) {
                // A bridge that just started (or restarted) and has not heard the agent yet: the
                // kernel's weight is the last decision (its own before the restart, or another
                // director's shared one); resetting it to the base would undo a drain or a moved
                // weight for as long as its first polls fail. Silent for stale-after: as stale.
                return new Wish(in.kernelWeight(), "no report yet (" + seconds(in.knownForMillis()) + " of "
                        + seconds(s.staleAfterMillis()) + "): kept at " + in.kernelWeight(), Cause.STALE, false);
            }
            return new Wish(in.baseWeight(), "no report yet: base weight " + in.baseWeight(), Cause.STALE);
        }
        if (in.reportAgeMillis() > s.staleAfterMillis()) {
            if (report.state() != AdminState.READY) {
                // Silence must not undo a drain: anyone who can block the agent's port could.
                return new Wish(0, "last report " + seconds(in.reportAgeMillis()) + " old said "
                        + report.state().word() + ": kept at 0 until a ready report", Cause.AGENT_ZERO);
            }
            return new Wish(in.baseWeight(), "last report " + seconds(in.reportAgeMillis())
                    + " old: base weight " + in.baseWeight(), Cause.STALE);
        }
        if (report.state() != AdminState.READY) {
            String why = report.reason().isEmpty() ? "" : " (" + report.reason() + ")";
            return new Wish(0, "agent says " + report.state().word() + why, Cause.AGENT_ZERO);
        }
        return new Wish(null, null, Cause.LOAD);
    }

    /** Relative factor per ready destination; blackout destinations get the mean of the others. */
    private static void applyLoad(List<DestinationInput> inputs, List<Wish> wishes, PolicySettings s, boolean backlog,
            boolean fastFirst) {
        int n = inputs.size();
        double[] factor = new double[n];
        String[] basis = new String[n];
        double[] capacity = new double[n];
        double[] measured = new double[n];
        FeedbackReport[] measuring = new FeedbackReport[n];
        // Capacities are summed relative to the largest: two of 1e308 must not sum to Infinity.
        double largest = 0;
        for (int i = 0; i < n; i++) {
            if (isLoad(wishes.get(i)) && !inBlackout(inputs.get(i), s)) {
                FeedbackReport r = inputs.get(i).report();
                double c = capacity(r);
                measured[i] = c;
                measuring[i] = r;
                double queued = backlog && c > 0 ? Backlog.queued(r, inputs.get(i).previousReport(), c) : 0;
                capacity[i] = queued > 0 ? Backlog.drained(c, queued, s.backlogDrainMillis()) : c;
                if (queued > 0) {
                    basis[i] = Backlog.reason(c, queued, capacity[i], s.backlogDrainMillis());
                }
            }
        }
        boolean[] lowered = fastFirst ? FastFirst.apply(measuring, measured, capacity, basis, s.fastFirstPercent())
                : new boolean[n];
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, capacity[i]);
        }
        double capacitySum = 0;
        int capacityCount = 0;
        for (int i = 0; i < n; i++) {
            if (capacity[i] > 0) {
                capacitySum += capacity[i] / largest;
                capacityCount++;
            }
        }
        double meanShare = capacityCount == 0 ? Double.NaN : capacitySum / capacityCount;
        double factorSum = 0;
        int known = 0;
        for (int i = 0; i < n; i++) {
            if (!isLoad(wishes.get(i)) || inBlackout(inputs.get(i), s)) {
                continue;
            }
            FeedbackReport r = inputs.get(i).report();
            double c = capacity[i];
            if (c > 0) {
                factor[i] = (c / largest) / meanShare;
                basis[i] = basis[i] == null
                        ? String.format(Locale.ROOT, "capacity %.0f/s = %.2fx service mean", c, factor[i])
                        : String.format(Locale.ROOT, "%s = %.2fx service mean", basis[i], factor[i]);
            } else if (capacityCount > 0) {
                // The others' factors are relative (their mean is 1); the agent's percent is absolute
                // (host CPU pressure), so mixing them would sink a server that had no traffic lately
                // to its CPU headroom and keep it there. gRFC A58: the mean, like a new server.
                factor[i] = 1.0;
                basis[i] = "no capacity in its report (no requests lately): mean of the others 1.00x";
            } else {
                factor[i] = r.weightPercent() / 100.0;
                basis[i] = "agent suggests " + r.weightPercent() + "%";
            }
            factorSum += factor[i];
            known++;
        }
        for (int i = 0; i < n; i++) {
            if (isLoad(wishes.get(i)) && inBlackout(inputs.get(i), s)) {
                factor[i] = known == 0 ? 1.0 : factorSum / known;
                long age = inputs.get(i).report() != null && inputs.get(i).report().uptimeMillis() > 0
                        ? inputs.get(i).report().uptimeMillis() : inputs.get(i).reportingForMillis();
                basis[i] = String.format(Locale.ROOT, "new, blackout %s of %s: %s %.2fx",
                        seconds(age), seconds(s.blackoutMillis()),
                        known == 0 ? "base" : "mean of others", factor[i]);
            }
        }
        int[] ceiling = new int[n];
        for (int i = 0; i < n; i++) {
            Wish w = wishes.get(i);
            if (!isLoad(w)) {
                continue;
            }
            int base = inputs.get(i).baseWeight();
            ceiling[i] = (int) Math.min(s.maxWeight(), Math.max(s.minWeight(), Math.floor((double) base * s.maxFactor())));
            long raw = Math.round((double) base * factor[i]);
            int weight = (int) Math.max(s.minWeight(), Math.min(ceiling[i], raw));
            String bound = weight != raw ? " (bounded " + s.minWeight() + ".." + ceiling[i] + ")" : "";
            w.weight = weight;
            w.reason = basis[i] + ": base " + base + " -> " + weight + bound;
        }
        lowerSilent(inputs, wishes, s);
        if (s.weightLevels() > 0) {
            quantize(wishes, ceiling, lowered, s);
        }
    }

    /** Load-driven and stale weights of destinations whose agents are silent ({@link SilentAgent}), before rounding. */
    private static void lowerSilent(List<DestinationInput> inputs, List<Wish> wishes, PolicySettings s) {
        for (int i = 0; i < wishes.size(); i++) {
            Wish w = wishes.get(i);
            DestinationInput in = inputs.get(i);
            if ((w.cause == Cause.LOAD || w.cause == Cause.STALE) && w.weight != null && SilentAgent.applies(in)) {
                int lowered = SilentAgent.lowered(w.weight, in.unansweredPolls(), s.minWeight());
                w.reason = w.reason + "; " + SilentAgent.reason(w.weight, lowered, in.unansweredPolls());
                w.weight = lowered;
            }
        }
    }

    /**
     * Rounds the load-driven weights to multiples of one step, the coarsest of at most
     * {@code weight-levels} levels that keeps every share within 10 % ({@link WeightLevels}): IPVS's
     * wrr then deals short cycles instead of long bursts. The smallest load-driven weight is one step
     * (ready never rounds to 0); a destination whose ceiling is below one step keeps its exact weight,
     * and so does one that {@link FastFirst} lowered: one step would give it the step's share (2.6 % at
     * 20 levels beside two at 150: in the lab's W2 on wrr that was p99 at its 1 s service time). Its
     * small weight ends the common divisor, so faster servers whose weights differ are then dealt that
     * difference in a burst; equal ones are not (W2, W5: the others equal).
     */
    private static void quantize(List<Wish> wishes, int[] ceiling, boolean[] lowered, PolicySettings s) {
        int[] load = java.util.stream.IntStream.range(0, wishes.size())
                .filter(i -> wishes.get(i).cause == Cause.LOAD && wishes.get(i).weight != null && !lowered[i])
                .map(i -> wishes.get(i).weight).toArray();
        int step = WeightLevels.step(load, s.weightLevels());
        if (step == 1) {
            return;
        }
        int top = java.util.Arrays.stream(load).max().orElse(0);
        int levels = (int) Math.round((double) top / step);
        for (int i = 0; i < wishes.size(); i++) {
            Wish w = wishes.get(i);
            if (w.cause != Cause.LOAD || w.weight == null || ceiling[i] < step || lowered[i]) {
                continue;
            }
            long q = WeightLevels.round(w.weight, step);
            // Below the ceiling by whole steps, so the divisor survives; one step at least.
            int capped = (int) Math.max(step, Math.min(q, (ceiling[i] / step) * (long) step));
            if (capped != w.weight) {
                w.reason = w.reason + ", " + capped + " in steps of " + step + " (" + levels
                        + " levels, weight-levels " + s.weightLevels() + ")";
                w.weight = capped;
            }
        }
    }

    private static boolean isLoad(Wish w) {
        return w.cause == Cause.LOAD && w.weight == null;
    }

    /**
     * A new server's first reports are not used (gRFC A58's blackout). New means the agent's uptime,
     * which every director reads the same; the time this bridge has been hearing it is only the
     * fallback for agents that do not say (older agents, HAProxy agent-check lines).
     */
    private static boolean inBlackout(DestinationInput in, PolicySettings s) {
        long uptime = in.report() == null ? 0 : in.report().uptimeMillis();
        return (uptime > 0 ? uptime : in.reportingForMillis()) < s.blackoutMillis();
    }

    private static double capacity(FeedbackReport r) {
        double c = r.signal(Signals.CAPACITY);
        return Double.isFinite(c) && c > 0 ? c : 0;
    }

    /**
     * Never lets reports take the last serving destinations of a service to 0: when every
     * destination would end at 0 and some of those are serving now only to be zeroed by their
     * agents, those keep their current weight.
     */
    private static void guardAllZero(List<DestinationInput> inputs, List<Wish> wishes) {
        for (Wish w : wishes) {
            if (w.weight > 0) {
                return;
            }
        }
        for (int i = 0; i < wishes.size(); i++) {
            Wish w = wishes.get(i);
            int current = inputs.get(i).kernelWeight();
            if (w.cause == Cause.AGENT_ZERO && current > 0) {
                w.weight = current;
                w.reason = w.reason + ", but kept at " + current
                        + ": all-zero guard (it is among the last serving destinations of the service)";
                w.cause = Cause.GUARD;
            }
        }
    }

    /**
     * Applies the dead band to load-driven and stale weights, and the rise limit to them (see
     * {@link RiseLimit}); drops below the limit and administrative changes (drain, override) are
     * immediate.
     */
    private static Decision limit(DestinationInput in, Wish w, Integer previousTarget, PolicySettings s) {
        int current = in.kernelWeight();
        int target = w.weight;
        if (!w.limited) {
            return new Decision(in.key(), current, target, target, w.reason, w.cause);
        }
        if (target != current && current > 0 && (long) Math.abs((long) target - current) * 100 < (long) s.deadBandPercent() * current) {
            return new Decision(in.key(), current, target, current, w.reason + "; held at " + current
                    + ": change within dead band " + s.deadBandPercent() + "%", w.cause);
        }
        long ceiling = RiseLimit.ceiling(in.baseWeight(), previousTarget, s.maxStepPercent());
        if (target <= ceiling) {
            return new Decision(in.key(), current, target, target, w.reason, w.cause);
        }
        int next = (int) ceiling;
        return new Decision(in.key(), current, target, next, w.reason + "; rise limit: " + next + ", one step ("
                + RiseLimit.step(in.baseWeight(), s.maxStepPercent()) + ") above the "
                + RiseLimit.from(in.baseWeight(), previousTarget), w.cause);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
