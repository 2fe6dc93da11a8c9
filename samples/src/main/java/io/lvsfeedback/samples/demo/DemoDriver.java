package io.lvsfeedback.samples.demo;

import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Runs the demo from the client's side: bounded load on the VIP, the scenario's actions on the
 * victim, a live table each second, and at the end a summary, {@code verdict.properties},
 * {@code timeline.csv} and {@code report.html} in the output directory. Exit status 0 when every
 * check passed, 1 when one failed, 2 for bad settings.
 */
public final class DemoDriver {

    private final DemoSettings settings;
    private final List<Tick> ticks = new ArrayList<>();
    private final List<DemoEvent> events = new ArrayList<>();
    /** What the run had to work around, for the summary and the report. */
    private final List<String> notes = new ArrayList<>();
    /** Read-only JMX calls of the same kinds as the drain script's, to warm the session up. */
    private static List<String> warmUp(String agentName) {
        return List.of("get -b lvsfeedback:type=Agent,name=" + agentName + " State AgentCheckLine",
                "run -b java.lang:type=Threading findDeadlockedThreads");
    }
    /** A jmxterm start in a busy emulated guest has taken over a minute. */
    private static final long SESSION_TIMEOUT_SECONDS = 300;

    DemoDriver(DemoSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options = new DemoOptions();
        CommandLine line = new CommandLine(options);
        DemoSettings settings;
        DemoSequence sequence;
        try {
            if (CommandLine.printHelpIfRequested(line.parseArgs(args))) {
                return;
            }
            settings = options.settings(line);
            sequence = options.sequence(line);
        } catch (ParameterException e) {
            System.err.println("demo: " + e.getMessage());
            line.usage(System.err);
            System.exit(2);
            return;
        }
        boolean passed = sequence == null ? new DemoDriver(settings).run() : sequence.run(settings);
        System.exit(passed ? 0 : 1);
    }

    /** One run on the cluster as it is, with a jmxterm session of its own. */
    boolean run() throws IOException, InterruptedException {
        try (JmxActions jmx = openJmx(null)) {
            return run(jmx);
        }
    }

    /**
     * The jmxterm session to the victim, opened before the load (a drain is then one JMX call):
     * {@code previous}, the session of an earlier run at the same address, connected again, or a
     * new one when there is none.
     */
    JmxActions openJmx(JmxActions previous) {
        String agentName = agentName();
        if (previous != null) {
            System.out.println("demo: connecting the jmxterm session to " + jmxTarget() + " again");
            return previous.reopened(SESSION_TIMEOUT_SECONDS, warmUp(agentName));
        }
        System.out.println("demo: connecting jmxterm to " + jmxTarget() + " before the load (a drain is then one JMX call)");
        return JmxActions.open(settings.jmxScript(), jmxTarget(), Map.of("AGENT", agentName), SESSION_TIMEOUT_SECONDS,
                warmUp(agentName));
    }

    /** The victim's JVM, HOST:PORT. */
    private String jmxTarget() {
        return settings.servers().get(settings.victim()) + ":" + settings.jmxPort();
    }

    /** The agent's default jmx-name: port-FEEDBACK_PORT. */
    private String agentName() {
        return "port-" + settings.agentPort();
    }

    /** The load, the scenario through {@code jmx}, then the verdict and the output files. */
    boolean run(JmxActions jmx) throws IOException, InterruptedException {
        long wallStart = System.nanoTime();
        SharedSecret secret = settings.secretFile() == null ? null : SharedSecret.fromFile(settings.secretFile());
        Sampler sampler = new Sampler(settings, new AgentPoller(secret, 800));
        LiveTable table = new LiveTable(System.out, settings.live() && System.console() != null);
        HttpProbe probe = new HttpProbe(settings.vip(), "/work", 5000);
        List<RequestRecord> records;
        double runSeconds;
        // The first sample loads many classes (in the first run of this JVM): slow in an emulated
        // guest, so it happens before the load rather than inside its first phases.
        long warm = System.nanoTime();
        sampler.sample(0, List.of());
        System.out.printf(Locale.ROOT, "demo: first sample of the kernel and the agents took %.1f s%n",
                (System.nanoTime() - warm) / 1e9);
        if (jmx.sessionProblem() != null) {
            notes.add("no jmxterm session, each JMX action starts jmxterm: " + jmx.sessionProblem());
            System.out.println("demo: WARNING: " + notes.get(notes.size() - 1));
        }
        Scenario scenario = new Scenario(settings, Scenario.steps(settings, jmx));
        long runStart = System.nanoTime();
        Thread script = new Thread(() -> scenario.run(runStart), "demo-scenario");
        script.setDaemon(true);
        try (LoadGenerator load = new LoadGenerator(probe, settings.workers(), settings.ratePerWorker(),
                settings.maxDurationSeconds() * 1000L, settings.maxRequests())) {
            load.start(runStart);
            script.start();
            // One tick per second until the scenario is done; a slow sample (busy machine)
            // skips seconds rather than stretching the run. max-duration bounds it all.
            long end = runStart + TimeUnit.SECONDS.toNanos(settings.maxDurationSeconds());
            while (script.isAlive() && System.nanoTime() < end) {
                long elapsed = System.nanoTime() - runStart;
                sleepUntil(runStart + TimeUnit.SECONDS.toNanos(TimeUnit.NANOSECONDS.toSeconds(elapsed) + 1));
                List<RequestRecord> sofar = load.records();
                Tick tick = sampler.sample((System.nanoTime() - runStart) / 1e9, sofar);
                ticks.add(tick);
                scenario.observe(tick);
                if (settings.live()) {
                    long ok = sofar.stream().filter(RequestRecord::ok).count();
                    table.print(tick, scenario.phase(), (int) ok, (int) (sofar.size() - ok));
                }
            }
            if (!scenario.finished()) {
                notes.add("the scenario did not finish within max-duration " + settings.maxDurationSeconds() + " s");
                System.out.println("demo: WARNING: " + notes.get(notes.size() - 1));
            }
            script.interrupt();
            script.join(10_000);
            runSeconds = (System.nanoTime() - runStart) / 1e9;
            load.stop();
            load.join(30_000);
            records = load.records();
        }
        events.addAll(scenario.events());
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;

        Verdict verdict = Verdict.of(settings, ticks, records, events, runSeconds);
        Map<String, Boolean> checks = verdict.checks(settings.serverNames());
        write(verdict, records, runSeconds, wallSeconds);
        printSummary(verdict, checks, runSeconds, wallSeconds);
        return checks.values().stream().allMatch(Boolean::booleanValue);
    }

    private void write(Verdict verdict, List<RequestRecord> records, double runSeconds, double wallSeconds)
            throws IOException {
        Files.createDirectories(settings.outDir());
        Files.writeString(settings.outDir().resolve("verdict.properties"), verdict.asProperties(), StandardCharsets.UTF_8);
        Files.writeString(settings.outDir().resolve("timeline.csv"), TimelineCsv.render(ticks), StandardCharsets.UTF_8);
        Files.writeString(settings.outDir().resolve("report.html"),
                HtmlReport.render(new HtmlReport.Run(settings, ticks, records, events, notes, runSeconds, wallSeconds,
                        environment()), verdict),
                StandardCharsets.UTF_8);
    }

    private void printSummary(Verdict verdict, Map<String, Boolean> checks, double runSeconds, double wallSeconds) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n== demo summary: VS/%s, load %.0f s (planned %d s), run %.0f s%n",
                settings.method().toUpperCase(Locale.ROOT), runSeconds, settings.plannedSeconds(), wallSeconds));
        notes.forEach(n -> b.append("  note: ").append(n).append('\n'));
        for (DemoEvent e : events) {
            b.append(String.format(Locale.ROOT, "  t=%5.1fs (done %5.1fs) %-24s %s%n", e.seconds(), e.doneSeconds(),
                    e.label(), e.detail()));
        }
        verdict.values().forEach((k, v) -> b.append("  ").append(k).append(" = ").append(v).append('\n'));
        checks.forEach((k, ok) -> b.append(ok ? "  [pass] " : "  [FAIL] ").append(k).append('\n'));
        b.append("  report: ").append(settings.outDir().resolve("report.html").toAbsolutePath()).append('\n');
        System.out.print(b);
    }

    private String environment() {
        String where = "1".equals(System.getenv("LVS_LAB")) ? "QEMU/TCG lab guest (timings are emulated)" : "host";
        return "Linux " + System.getProperty("os.version") + ", " + where + ", Java " + System.getProperty("java.version")
                + "; forwarding VS/" + settings.method().toUpperCase(Locale.ROOT);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
