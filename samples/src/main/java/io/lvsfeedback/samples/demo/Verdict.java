package io.lvsfeedback.samples.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a demo run showed, measured from its ticks and request records: did traffic reach every
 * server, did the slowed server's kernel weight and traffic share drop, did draining stop new
 * connections to it, did resuming bring it back. The kernel test asserts on these numbers.
 */
public final class Verdict {

    /** Seconds before the drain over which the recovered share is measured. */
    static final int RECOVERED_WINDOW_SECONDS = 10;
    /** After a resume, the bridge needs a few polls (and the rise limit) before traffic returns. */
    static final int RESUME_GRACE_SECONDS = 5;

    /** After the recovery, the weight must be back to at least this share of its baseline. */
    static final double RECOVERED_SHARE_OF_BASELINE = 0.5;

    private final Map<String, Object> values = new LinkedHashMap<>();

    /**
     * Every window starts and ends at the moments the scenario's actions were sent or had
     * finished (the events), not at planned times: on a busy machine an action can take long.
     * An action that never ran leaves its numbers at -1 (or NaN), and its checks fail.
     */
    public static Verdict of(DemoSettings s, List<Tick> ticks, List<RequestRecord> records, List<DemoEvent> events,
                             double endSeconds) {
        Verdict v = new Verdict();
        String victim = s.victim();
        long ok = records.stream().filter(RequestRecord::ok).count();
        v.values.put("requests.total", records.size());
        v.values.put("requests.ok", ok);
        v.values.put("requests.failed", records.size() - ok);
        for (String name : s.serverNames()) {
            v.values.put("requests." + name, count(records, name, 0, endSeconds));
        }
        v.values.put("victim", victim);
        v.values.put("run.seconds", round(endSeconds));

        double slowSent = sent(events, "slow ");
        double slowDone = done(events, "slow ");
        double recoverSent = sent(events, "recover ");
        double drainSent = sent(events, "drain ");
        double drainDone = done(events, "drain ");
        double resumeSent = sent(events, "resume ");
        double resumeDone = done(events, "resume ");
        v.values.put("slow.done.at", round(slowDone));
        v.values.put("drain.done.at", round(drainDone));
        v.values.put("resume.done.at", round(resumeDone));

        // Baseline: the healthy phase from the moment every agent reported a capacity to the slow-down
        // (a starved guest may sample it only a few times). Slow phase: its second half, when the bridge has reacted.
        double baselineFrom = Math.max(0, sent(events, Scenario.CAPACITIES_KNOWN));
        double slowMid = (slowDone + recoverSent) / 2;
        // The median: one noisy high sample must not raise the bar the recovery is held to.
        v.values.put("victim.weight.baseline", medianWeight(ticks, victim, baselineFrom, slowSent));
        v.values.put("victim.weight.min.slow", minWeight(ticks, victim, slowDone, recoverSent));
        v.values.put("victim.weight.before.drain", maxWeight(ticks, victim, drainSent - 3, drainSent));
        v.values.put("victim.share.baseline", share(records, victim, baselineFrom, slowSent));
        v.values.put("victim.share.slow", share(records, victim, slowMid, recoverSent));
        v.values.put("victim.share.recovered", share(records, victim, drainSent - RECOVERED_WINDOW_SECONDS, drainSent));

        // Drain: from the first tick where the kernel shows weight 0, no new connection may reach it.
        double zeroAt = firstZero(ticks, victim, drainSent, resumeSent);
        v.values.put("drain.weight.zero.after.seconds", zeroAt < 0 ? -1 : round(zeroAt - drainSent));
        v.values.put("drain.new.requests", zeroAt < 0 ? -1 : count(records, victim, zeroAt + 1, resumeSent));

        // Resume: traffic again after the grace, weight back above 0 at the end.
        v.values.put("resume.requests", resumeDone < 0 ? -1
                : count(records, victim, resumeDone + RESUME_GRACE_SECONDS, endSeconds));
        v.values.put("victim.weight.end", ticks.isEmpty() ? -1 : ticks.get(ticks.size() - 1).server(victim).weight());
        return v;
    }

    public Map<String, Object> values() {
        return values;
    }

    public double number(String key) {
        Object value = values.get(key);
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("verdict has no number '" + key + "'");
        }
        return n.doubleValue();
    }

    /** The checks a person reads in the summary, each with its result. */
    public Map<String, Boolean> checks(List<String> servers) {
        Map<String, Boolean> c = new LinkedHashMap<>();
        c.put("traffic reached every real server", servers.stream().allMatch(n -> number("requests." + n) > 0));
        c.put("slowed server's kernel weight dropped",
                number("victim.weight.min.slow") >= 0 && number("victim.weight.min.slow") < number("victim.weight.baseline"));
        c.put("slowed server's traffic share dropped", number("victim.share.slow") < number("victim.share.baseline"));
        c.put("recovered server's weight came back", number("victim.weight.baseline") > 0
                && number("victim.weight.before.drain") >= RECOVERED_SHARE_OF_BASELINE * number("victim.weight.baseline"));
        c.put("drained server's weight went to 0", number("drain.weight.zero.after.seconds") >= 0);
        c.put("drained server got no new connections", number("drain.weight.zero.after.seconds") >= 0
                && number("drain.new.requests") == 0);
        c.put("resumed server got traffic again", number("resume.requests") > 0 && number("victim.weight.end") > 0);
        return c;
    }

    public String asProperties() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, val) -> b.append(k).append('=').append(val).append('\n'));
        return b.toString();
    }

    /** When the action was sent, or -1 when it never ran. */
    private static double sent(List<DemoEvent> events, String labelStart) {
        return events.stream().filter(e -> e.label().startsWith(labelStart)).mapToDouble(DemoEvent::seconds)
                .findFirst().orElse(-1);
    }

    /** When the action had finished, or -1 when it never ran. */
    private static double done(List<DemoEvent> events, String labelStart) {
        return events.stream().filter(e -> e.label().startsWith(labelStart)).mapToDouble(DemoEvent::doneSeconds)
                .findFirst().orElse(-1);
    }

    static long count(List<RequestRecord> records, String server, double fromSeconds, double toSeconds) {
        return records.stream().filter(r -> r.ok() && server.equals(r.server()))
                .filter(r -> r.startMillis() >= fromSeconds * 1000 && r.startMillis() < toSeconds * 1000).count();
    }

    /** The server's share of answered requests that started in [from, to), rounded to 0.001; NaN when none. */
    static double share(List<RequestRecord> records, String server, double fromSeconds, double toSeconds) {
        long all = records.stream().filter(RequestRecord::ok)
                .filter(r -> r.startMillis() >= fromSeconds * 1000 && r.startMillis() < toSeconds * 1000).count();
        return all == 0 ? Double.NaN : round((double) count(records, server, fromSeconds, toSeconds) / all);
    }

    private static int minWeight(List<Tick> ticks, String server, double from, double to) {
        return ticks.stream().filter(t -> t.seconds() >= from && t.seconds() < to)
                .mapToInt(t -> t.server(server).weight()).filter(w -> w >= 0).min().orElse(-1);
    }

    private static int medianWeight(List<Tick> ticks, String server, double from, double to) {
        int[] w = ticks.stream().filter(t -> t.seconds() >= from && t.seconds() < to)
                .mapToInt(t -> t.server(server).weight()).filter(x -> x >= 0).sorted().toArray();
        return w.length == 0 ? -1 : w[(w.length - 1) / 2];
    }

    private static int maxWeight(List<Tick> ticks, String server, double from, double to) {
        return ticks.stream().filter(t -> t.seconds() >= from && t.seconds() < to)
                .mapToInt(t -> t.server(server).weight()).max().orElse(-1);
    }

    private static double firstZero(List<Tick> ticks, String server, double from, double to) {
        return ticks.stream().filter(t -> t.seconds() >= from && t.seconds() < to && t.server(server).weight() == 0)
                .mapToDouble(Tick::seconds).findFirst().orElse(-1);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Verdict%s", values);
    }
}
