package io.lvsfeedback.samples.demo;

import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the demo from the client's side: bounded load on the VIP, the scenario's actions on the
 * victim, a live table each second, and at the end a summary, {@code verdict.properties},
 * {@code timeline.csv} and {@code report.html} in the output directory. Exit status 0 when every
 * check passed, 1 when one failed, 2 for bad settings.
 */
public final class DemoDriver {

    private final DemoSettings settings;
    private final List<Tick> ticks = new ArrayList<>();
    private final List<DemoEvent> events = new CopyOnWriteArrayList<>();

    DemoDriver(DemoSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--help")) {
            System.out.println("DemoDriver --key=value...; settings and defaults:");
            DemoSettings.defaultValues().forEach((k, v) -> System.out.println("  --" + k + "=" + v));
            return;
        }
        DemoSettings settings;
        try {
            settings = DemoSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean passed = new DemoDriver(settings).run();
        System.exit(passed ? 0 : 1);
    }

    boolean run() throws IOException, InterruptedException {
        long wallStart = System.nanoTime();
        SharedSecret secret = settings.secretFile() == null ? null : SharedSecret.fromFile(settings.secretFile());
        Sampler sampler = new Sampler(settings, new AgentPoller(secret, 800));
        LiveTable table = new LiveTable(System.out, settings.live() && System.console() != null);
        HttpProbe probe = new HttpProbe(settings.vip(), "/work", 5000);
        List<Scenario.Step> steps = new ArrayList<>(Scenario.steps(settings));
        ExecutorService actions = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "demo-actions");
            t.setDaemon(true);
            return t;
        });
        List<RequestRecord> records;
        long runStart = System.nanoTime();
        try (LoadGenerator load = new LoadGenerator(probe, settings.workers(), settings.ratePerWorker(),
                settings.durationSeconds() * 1000L, settings.maxRequests())) {
            load.start(runStart);
            // One tick per second while the load runs; a slow sample (busy machine) skips seconds
            // rather than stretching the run.
            long end = runStart + TimeUnit.SECONDS.toNanos(settings.durationSeconds());
            while (System.nanoTime() < end) {
                long elapsed = System.nanoTime() - runStart;
                sleepUntil(runStart + TimeUnit.SECONDS.toNanos(TimeUnit.NANOSECONDS.toSeconds(elapsed) + 1));
                double now = (System.nanoTime() - runStart) / 1e9;
                for (Scenario.Step step : List.copyOf(steps)) {
                    if (step.atSeconds() <= now) {
                        steps.remove(step);
                        double at = now;
                        actions.submit(() -> {
                            String detail = step.action().get();
                            events.add(new DemoEvent(at, (System.nanoTime() - runStart) / 1e9, step.label(), detail));
                        });
                    }
                }
                List<RequestRecord> sofar = load.records();
                Tick tick = sampler.sample((System.nanoTime() - runStart) / 1e9, sofar);
                ticks.add(tick);
                if (settings.live()) {
                    long ok = sofar.stream().filter(RequestRecord::ok).count();
                    table.print(tick, Scenario.phase(settings, now), (int) ok, (int) (sofar.size() - ok));
                }
            }
            load.join(30_000);
            records = load.records();
        }
        actions.shutdown();
        actions.awaitTermination(180, TimeUnit.SECONDS);
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;

        Verdict verdict = Verdict.of(settings, ticks, records, events);
        Map<String, Boolean> checks = verdict.checks(settings.serverNames());
        write(verdict, records, wallSeconds);
        printSummary(verdict, checks, wallSeconds);
        return checks.values().stream().allMatch(Boolean::booleanValue);
    }

    private void write(Verdict verdict, List<RequestRecord> records, double wallSeconds) throws IOException {
        Files.createDirectories(settings.outDir());
        Files.writeString(settings.outDir().resolve("verdict.properties"), verdict.asProperties(), StandardCharsets.UTF_8);
        Files.writeString(settings.outDir().resolve("timeline.csv"), TimelineCsv.render(ticks), StandardCharsets.UTF_8);
        Files.writeString(settings.outDir().resolve("report.html"),
                HtmlReport.render(settings, ticks, records, events, verdict, wallSeconds, environment()),
                StandardCharsets.UTF_8);
    }

    private void printSummary(Verdict verdict, Map<String, Boolean> checks, double wallSeconds) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n== demo summary: VS/%s, load %d s, run %.0f s%n",
                settings.method().toUpperCase(Locale.ROOT), settings.durationSeconds(), wallSeconds));
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
