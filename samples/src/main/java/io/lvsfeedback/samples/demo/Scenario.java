package io.lvsfeedback.samples.demo;

import io.lvsfeedback.samples.http.HttpConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The demo's script, one step after the other: after a healthy baseline the victim is made slow
 * (its admin endpoint), recovers, is drained through JMX (jmxterm, as an operator would) and
 * resumed. Each phase lasts its set length counted from when its action had finished, so a slow
 * action (a busy, emulated machine) makes the run longer instead of eating into the phase.
 */
public final class Scenario {

    /** One action, the phase it opens and how long that phase is held. */
    public record Step(String label, String phaseAfter, Supplier<String> action, int holdSeconds) {
    }

    private final DemoSettings settings;
    private final List<Step> steps;
    /** Label of the event that opens the baseline: every agent reported a capacity (Verdict reads it). */
    static final String CAPACITIES_KNOWN = "capacities known";
    /** How long the baseline waits for them at most; then it is held anyway, and the event says so. */
    private static final long CAPACITY_WAIT_SECONDS = 90;

    private final List<DemoEvent> events = new CopyOnWriteArrayList<>();
    private volatile Tick latest;
    private volatile String phase = "all healthy";
    private volatile boolean finished;

    public Scenario(DemoSettings settings, List<Step> steps) {
        this.settings = settings;
        this.steps = List.copyOf(steps);
    }

    /**
     * The demo's steps against the victim; {@code jmx} runs a script of samples/jmxterm on the
     * victim's JVM and says what happened.
     */
    public static List<Step> steps(DemoSettings s, Function<String, String> jmx) {
        String victim = s.victim();
        String ip = s.servers().get(victim);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("slow " + victim, victim + " slow",
                () -> admin(ip, s.appPort(), "reset=true&" + s.slowCost()), s.slowSeconds()));
        steps.add(new Step("recover " + victim, victim + " recovered", () -> admin(ip, s.appPort(), "reset=true"),
                s.recoveredSeconds()));
        steps.add(new Step("drain " + victim + " (jmxterm)", victim + " drained", () -> jmx.apply("agent-drain"),
                s.drainedSeconds()));
        steps.add(new Step("resume " + victim + " (jmxterm)", victim + " resumed", () -> jmx.apply("agent-resume"),
                s.resumedSeconds()));
        return steps;
    }

    /** The driver's latest sample of the cluster, which the baseline waits on. */
    public void observe(Tick tick) {
        latest = tick;
    }

    /**
     * The baseline starts once every agent has reported a capacity: until then the bridge weighs by
     * the agents' CPU headroom (a few percent in the emulated lab), and a baseline measured then says
     * nothing about load-aware weights (a VS/DR run of 2026-12-02: median baseline weight 4).
     */
    private void awaitCapacities(long runStartNanos) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(CAPACITY_WAIT_SECONDS);
        boolean known = false;
        while (!known && System.nanoTime() < deadline) {
            Tick t = latest;
            if (t != null && System.nanoTime() - start > TimeUnit.SECONDS.toNanos(15)
                    && t.servers().stream().allMatch(s -> s.agent() == AgentView.UNREACHABLE)) {
                break; // a demo without agents (--no-agent): nothing to wait for
            }
            known = t != null && !t.servers().isEmpty()
                    && t.servers().stream().allMatch(s -> Double.isFinite(s.agent().capacity()) && s.agent().capacity() > 0);
            if (!known) {
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
        double at = seconds(runStartNanos);
        events.add(new DemoEvent(at, at, CAPACITIES_KNOWN,
                known ? "every agent reported a capacity" : "not all within " + CAPACITY_WAIT_SECONDS + " s; baseline held anyway"));
    }

    /**
     * Holds the baseline, then runs every step and holds its phase; times count from
     * {@code runStartNanos}. Returns early, unfinished, when interrupted (the run's time limit).
     */
    public void run(long runStartNanos) {
        try {
            awaitCapacities(runStartNanos);
            TimeUnit.SECONDS.sleep(settings.baselineSeconds());
            for (Step step : steps) {
                double sent = seconds(runStartNanos);
                String detail = step.action().get();
                events.add(new DemoEvent(sent, seconds(runStartNanos), step.label(), detail));
                phase = step.phaseAfter();
                TimeUnit.SECONDS.sleep(step.holdSeconds());
            }
            finished = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The phase the run is in now, for the live table. */
    public String phase() {
        return phase;
    }

    /** True once every step ran and its phase was held. */
    public boolean finished() {
        return finished;
    }

    /** What was done so far, in order. */
    public List<DemoEvent> events() {
        return List.copyOf(events);
    }

    private static double seconds(long runStartNanos) {
        return (System.nanoTime() - runStartNanos) / 1e9;
    }

    /**
     * POST to the sample app's admin endpoint over a plain socket ({@link HttpConnection}):
     * java.net.http's client takes tens of seconds to initialise on an emulated, busy machine, which
     * ruined the scenario's timing.
     */
    static String admin(String ip, int port, String query) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(80);
        try (HttpConnection connection = HttpConnection.open(new InetSocketAddress(ip, port), deadline)) {
            HttpConnection.Answer answer = connection.post(ip, "/admin/cost?" + query, deadline);
            return "POST /admin/cost?" + query + " -> " + answer.status() + " " + answer.body().trim();
        } catch (IOException e) {
            return "POST /admin/cost?" + query + " failed: " + e;
        }
    }
}
