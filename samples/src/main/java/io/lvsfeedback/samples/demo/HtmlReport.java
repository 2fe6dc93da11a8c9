package io.lvsfeedback.samples.demo;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo run as one self-contained HTML page: summary, checks, and SVG plots over time. */
public final class HtmlReport {

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    /** Traffic share is computed over this many seconds (requests are few per second under emulation). */
    static final int SHARE_WINDOW_SECONDS = 3;

    private HtmlReport() {
    }

    /** What one run saw and did: everything the report shows besides the verdict. */
    public record Run(DemoSettings settings, List<Tick> ticks, List<RequestRecord> records, List<DemoEvent> events,
                      List<String> notes, double runSeconds, double wallSeconds, String environment) {
    }

    public static String render(Run run, Verdict verdict) {
        DemoSettings s = run.settings();
        List<Tick> ticks = run.ticks();
        List<RequestRecord> records = run.records();
        List<DemoEvent> events = run.events();
        List<String> names = s.serverNames();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>lvs-feedback demo: ").append(HtmlText.escape(s.method().toUpperCase(Locale.ROOT)))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1140px}\n")
                .append("table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:left;font-size:14px}th{background:#f3f3f3}\n.pass{color:#1a7f37;font-weight:bold}")
                .append(".fail{color:#c62828;font-weight:bold}\n.title{font-size:15px;font-weight:bold}")
                .append(".tick{font-size:11px;fill:#444}.grid{stroke:#e5e5e5}.plot{fill:#fff;stroke:#999}")
                .append(".marker{stroke:#888;stroke-dasharray:4 3}.mlabel{font-size:11px;fill:#555}\n")
                .append("code{background:#f5f5f5;padding:1px 4px}\n</style></head><body>\n");
        b.append("<h1>lvs-feedback demo: VS/").append(HtmlText.escape(s.method().toUpperCase(Locale.ROOT)))
                .append(" on a real IPVS kernel</h1>\n");
        b.append("<p>").append(HtmlText.escape(run.environment())).append("<br>Generated ")
                .append(Instant.now().toString(), 0, 19).append("Z; load ran ").append(Math.round(run.runSeconds()))
                .append(" s (planned ").append(s.plannedSeconds()).append(" s; each phase is held for its set time after ")
                .append("its action finished; whole run ").append(Math.round(run.wallSeconds())).append(" s). VIP <code>")
                .append(HtmlText.escape(s.vip().getHostString() + ":" + s.vip().getPort())).append("</code>, ")
                .append(s.workers()).append(" client workers, each a new TCP connection per request. ")
                .append("The slowed server is <b>").append(HtmlText.escape(s.victim())).append("</b> (<code>")
                .append(HtmlText.escape(s.slowCost())).append("</code> per request).</p>\n");

        b.append("<h2>Checks</h2>\n<table><tr><th>check</th><th>result</th></tr>\n");
        for (Map.Entry<String, Boolean> c : verdict.checks(names).entrySet()) {
            b.append("<tr><td>").append(HtmlText.escape(c.getKey())).append("</td><td class=\"")
                    .append(c.getValue() ? "pass\">pass" : "fail\">FAIL").append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (!run.notes().isEmpty()) {
            b.append("<h2>Notes</h2>\n<ul>\n");
            run.notes().forEach(n -> b.append("<li>").append(HtmlText.escape(n)).append("</li>\n"));
            b.append("</ul>\n");
        }

        double xMax = Math.max(1, Math.ceil(run.runSeconds()));
        List<SvgChart.Marker> marks = events.stream().map(e -> new SvgChart.Marker(e.seconds(), e.label())).toList();
        int maxWeight = ticks.stream().flatMap(t -> t.servers().stream()).mapToInt(ServerSample::weight).max().orElse(1);
        SvgChart weights = new SvgChart("Weight in the kernel (ipvsadm -Ln), per real server", "weight", xMax,
                Math.max(1, maxWeight * 1.1));
        SvgChart shares = new SvgChart("Share of requests answered (" + SHARE_WINDOW_SECONDS + " s window), per real server",
                "share %", xMax, 100);
        SvgChart agents = new SvgChart("Weight suggested by each agent (percent of base)", "agent weight %", xMax, 100);
        SvgChart latency = new SvgChart("p99 latency reported by each agent", "ms", xMax,
                Math.max(10, ticks.stream().flatMap(t -> t.servers().stream()).mapToDouble(x -> x.agent().p99Millis())
                        .filter(d -> !Double.isNaN(d)).max().orElse(10) * 1.1));
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String color = COLORS[i % COLORS.length];
            double[] tx = ticks.stream().mapToDouble(Tick::seconds).toArray();
            weights.add(new SvgChart.Series(name, color, tx, ticks.stream()
                    .mapToDouble(t -> t.server(name).weight() < 0 ? Double.NaN : t.server(name).weight()).toArray()));
            agents.add(new SvgChart.Series(name, color, tx, ticks.stream()
                    .mapToDouble(t -> t.server(name).agent().weightPercent() < 0 ? Double.NaN
                            : t.server(name).agent().weightPercent()).toArray()));
            latency.add(new SvgChart.Series(name, color, tx, ticks.stream()
                    .mapToDouble(t -> t.server(name).agent().p99Millis()).toArray()));
            double[] sx = new double[(int) xMax];
            double[] sy = new double[(int) xMax];
            for (int sec = 0; sec < sx.length; sec++) {
                sx[sec] = sec + 1;
                sy[sec] = 100 * Verdict.share(records, name, sec + 1 - SHARE_WINDOW_SECONDS, sec + 1);
            }
            shares.add(new SvgChart.Series(name, color, sx, sy));
        }
        for (SvgChart chart : List.of(weights, shares, agents, latency)) {
            marks.forEach(chart::mark);
            b.append("<div>").append(chart.render()).append("</div>\n");
        }

        b.append("<h2>Measured</h2>\n<table><tr><th>what</th><th>value</th></tr>\n");
        verdict.values().forEach((k, v) -> b.append("<tr><td>").append(HtmlText.escape(k)).append("</td><td>")
                .append(HtmlText.escape(String.valueOf(v))).append("</td></tr>\n"));
        b.append("</table>\n");

        b.append("<h2>What the demo did</h2>\n<table><tr><th>sent (s)</th><th>done (s)</th><th>action</th><th>result</th></tr>\n");
        for (DemoEvent e : events) {
            b.append(String.format(Locale.ROOT, "<tr><td>%.1f</td><td>%.1f</td><td>%s</td><td><code>%s</code></td></tr>%n",
                    e.seconds(), e.doneSeconds(), HtmlText.escape(e.label()), HtmlText.escape(e.detail())));
        }
        b.append("</table>\n<p>Made by <code>samples/demo</code> of lvs-feedback: Jetty sample servers with the agent, ")
                .append("director-bridge on the director, IPVS in the kernel. Weights are read from the kernel, shares ")
                .append("from the client's own record of who answered each request.</p>\n</body></html>\n");
        return b.toString();
    }
}
