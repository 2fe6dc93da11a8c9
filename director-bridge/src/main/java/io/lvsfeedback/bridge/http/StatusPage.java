package io.lvsfeedback.bridge.http;

import io.lvsfeedback.bridge.engine.BridgeEngine;
import io.lvsfeedback.bridge.engine.DestinationState;
import io.lvsfeedback.bridge.engine.ServiceState;
import io.lvsfeedback.bridge.history.DestinationHistory;
import io.lvsfeedback.bridge.history.HistoryRecorder;
import io.lvsfeedback.bridge.ipvs.Endpoints;
import io.lvsfeedback.bridge.ipvs.ServiceEntry;
import io.lvsfeedback.bridge.policy.Decision;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The HTML page for a person: each service, its destinations, their weights and why, and a small
 * chart of each destination's last minutes. Paged ({@link StatusQuery}) so that thousands of
 * destinations stay readable; reloads itself every 2 s ({@code ?refresh=N}, 0 never) without a script.
 */
public final class StatusPage {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:1.2em 1.5em;color:#222}"
            + "h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.15em;margin:1.2em 0 .4em}h2 small{font-weight:normal;color:#555}"
            + "table{border-collapse:collapse;width:100%}"
            + "th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;font-size:13px;vertical-align:middle}"
            + "th{background:#eef}td.n{text-align:right;font-variant-numeric:tabular-nums}td.chart{padding:1px 3px;width:242px}"
            + ".ready{color:#070}.drain,.maint{color:#a60}.down,.unknown,.stale{color:#b00}"
            + ".reason{color:#444;font-size:12px}.warn{color:#b00}.flags{color:#06c;font-size:12px}.src{color:#555;font-size:12px}"
            + ".pager{margin:.6em 0}.pager a,.pager b{margin-right:.5em}.legend svg{vertical-align:middle}"
            + "svg.history{display:block}svg .frame{fill:#fff;stroke:#ddd}svg .weight{fill:none;stroke:#1f5fbf;stroke-width:1.6}"
            + "svg .capacity{fill:none;stroke:#e08000;stroke-width:1.2;stroke-dasharray:3 2}"
            + "svg .state.ready{fill:#6c6}svg .state.drain,svg .state.maint{fill:#f0a030}"
            + "svg .state.down,svg .state.stale{fill:#d44}svg .state.unknown{fill:#bbb}"
            + "svg .mark{stroke-width:1.5}svg .mark.drain{stroke:#d07000}svg .mark.override{stroke:#8a2be2}"
            + "svg .mark.quiesce{stroke:#c00}svg .mark.stale{stroke:#888;stroke-dasharray:2 2}svg .mark.freeze{stroke:#08a}"
            + "svg .nodata{font-size:11px;fill:#999}";

    private final BridgeEngine engine;
    private final HistoryRecorder history;

    public StatusPage(BridgeEngine engine, HistoryRecorder history) {
        this.engine = engine;
        this.history = history;
    }

    public String render() {
        return render(StatusQuery.ALL);
    }

    public String render(StatusQuery query) {
        long now = engine.now();
        StatusSlice slice = StatusSlice.of(engine.services(), query);
        StringBuilder h = new StringBuilder(16384);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        if (query.refreshSeconds() > 0) {
            h.append("<meta http-equiv=\"refresh\" content=\"").append(query.refreshSeconds()).append("\">");
        }
        h.append("<title>lvs-feedback bridge</title><style>").append(STYLE)
                .append("</style></head><body>");
        header(h, slice, query);
        if (!slice.serviceFound()) {
            h.append("<p class=\"warn\">No managed service ").append(esc(query.service())).append(".</p>");
        } else if (slice.groups().isEmpty()) {
            h.append("<p>No managed IPVS service yet.</p>");
        }
        for (StatusSlice.Group g : slice.groups()) {
            group(h, g, query, now);
        }
        pager(h, slice);
        return h.append("</body></html>").toString();
    }

    private void header(StringBuilder h, StatusSlice slice, StatusQuery query) {
        h.append("<h1>lvs-feedback director bridge</h1><p id=\"summary\">")
                .append(engine.paused() ? "<b class=\"warn\">paused</b> (nothing written)" : engine.dryRun()
                        ? "<b class=\"warn\">dry run</b> (nothing written)" : "running")
                .append(" &middot; version ").append(esc(BuildInfo.version()))
                .append(" &middot; ").append(engine.cycles()).append(" cycles &middot; poll every ")
                .append(engine.config().pollIntervalMillis()).append(" ms &middot; ")
                .append(engine.services().size()).append(" service(s), ").append(slice.total())
                .append(query.service() == null ? "" : " shown").append(" destination(s) &middot; <a href=\"/metrics\">metrics</a>")
                .append(" &middot; <a href=\"/status.json").append(esc(query.forPage(slice.page()))).append("\">json</a>");
        if (query.service() != null) {
            h.append(" &middot; <a href=\"/\">all services</a>");
        }
        h.append("</p><p class=\"legend\">").append(legendSvg()).append(" last ")
                .append(DestinationHistory.WINDOW_MILLIS / 60_000).append(" min: <b style=\"color:#1f5fbf\">weight</b>, ")
                .append("<b style=\"color:#e08000\">capacity</b> (dashed), state band (green ready, orange drain/maint, red down/stale, grey unknown);")
                .append(" lines mark <span style=\"color:#d07000\">drain</span>, <span style=\"color:#8a2be2\">override</span>,")
                .append(" <span style=\"color:#c00\">quiesce</span> (another party's 0), freeze, stale.</p>");
        if (slice.pages() > 1) {
            pager(h, slice);
        }
    }

    private static String legendSvg() {
        return "<svg width=\"46\" height=\"14\" viewBox=\"0 0 46 14\"><path d=\"M0 9H20\" class=\"weight\"/>"
                + "<path d=\"M24 5H46\" class=\"capacity\"/></svg>";
    }

    private void group(StringBuilder h, StatusSlice.Group g, StatusQuery query, long now) {
        ServiceState s = g.service();
        StatusSlice.Summary sum = g.summary();
        String key = s.key().toString();
        h.append("<h2 data-service=\"").append(esc(key)).append("\">").append(esc(key)).append(g.continued() ? " (continued)" : "")
                .append(" <small>").append(esc(s.scheduler())).append(" &middot; ").append(sum.destinations())
                .append(" destination(s), ").append(sum.serving()).append(" serving, ").append(sum.notReady())
                .append(" not ready, total weight ").append(sum.totalWeight());
        if (query.service() == null) {
            h.append(" &middot; <a href=\"/?service=").append(esc(URLEncoder.encode(key, StandardCharsets.UTF_8)))
                    .append("\">only this</a>");
        }
        h.append("</small></h2>");
        if (s.zeroWeightRefuses()) {
            h.append("<p class=\"warn\">scheduler ").append(esc(s.scheduler())).append(" without ").append(esc(s.scheduler()))
                    .append("-fallback: a destination at weight 0 refuses its share of new connections</p>");
        }
        if (ServiceEntry.ignoresWeights(s.scheduler())) {
            h.append("<p class=\"warn\">scheduler ").append(esc(s.scheduler())).append(" ignores weights other than 0</p>");
        }
        if (g.rows().isEmpty()) {
            h.append("<p>No destinations.</p>");
            return;
        }
        h.append("<table class=\"service\"><tr><th>destination</th><th>agent</th><th>state</th><th>source</th>")
                .append("<th>capacity</th><th>util</th><th>base</th><th>target</th><th>applied</th><th>report age</th>")
                .append("<th>cause</th><th>reason</th><th>last ").append(DestinationHistory.WINDOW_MILLIS / 60_000)
                .append(" min</th></tr>");
        long gap = Math.max(3 * DestinationHistory.SLOT_MILLIS, 3 * engine.config().pollIntervalMillis());
        for (DestinationState d : g.rows()) {
            row(h, d, now);
            h.append("<td class=\"chart\">").append(HistoryChart.svg(history.points(d), now, gap)).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void row(StringBuilder h, DestinationState d, long now) {
        FeedbackReport r = d.report();
        Decision dec = d.lastDecision();
        String state = r == null ? "unknown" : r.state().word();
        long age = d.reportAgeMillis(now);
        String agent = d.agent() == null ? "" : Endpoints.format(d.agent());
        h.append("<tr data-destination=\"").append(esc(d.key().toString())).append("\"><td>").append(esc(d.key().toString()));
        flags(h, d);
        h.append("</td><td>").append(esc(agent))
                .append("</td><td class=\"state ").append(state).append("\">").append(state)
                .append(r != null && !r.reason().isEmpty() ? " (" + esc(r.reason()) + ")" : "")
                .append("</td><td class=\"src\">").append(r == null ? "" : esc(r.source()))
                .append("</td><td class=\"n capacity\">").append(num(r == null ? Double.NaN : r.signal(Signals.CAPACITY), "%.0f"))
                .append("</td><td class=\"n util\">").append(num(r == null ? Double.NaN : r.signal(Signals.UTILIZATION), "%.2f"))
                .append("</td><td class=\"n base\">").append(d.baseWeight())
                .append("</td><td class=\"n target\">").append(dec == null ? "" : dec.target())
                .append("</td><td class=\"n applied\"><b>").append(d.kernelWeight()).append("</b>")
                .append("</td><td class=\"n age\">").append(age < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", age / 1000.0))
                .append("</td><td class=\"cause\">").append(dec == null ? "" : dec.cause().name().toLowerCase(Locale.ROOT))
                .append("</td><td class=\"reason\">").append(dec == null ? "" : esc(dec.reason()))
                .append(d.lastPollError() == null ? "" : "<br><span class=\"warn\">" + esc(d.lastPollError()) + "</span>")
                .append("</td>");
    }

    private static void flags(StringBuilder h, DestinationState d) {
        if (d.frozen()) {
            h.append(" <span class=\"flags\">frozen</span>");
        }
        if (d.override() >= 0) {
            h.append(" <span class=\"flags\">override ").append(d.override()).append("</span>");
        }
        if (d.quiesced()) {
            h.append(" <span class=\"flags\">quiesced</span>");
        }
    }

    private static void pager(StringBuilder h, StatusSlice slice) {
        if (slice.pages() <= 1) {
            return;
        }
        h.append("<p class=\"pager\">destinations ").append(slice.first() + 1).append('-').append(slice.last())
                .append(" of ").append(slice.total()).append(" &middot; page ");
        int page = slice.page();
        if (page > 1) {
            link(h, slice, page - 1, "&laquo; previous");
        }
        // the first, the last and a few around this one: bounded however many pages there are
        boolean skipping = false;
        for (int p = 1; p <= slice.pages(); p++) {
            if (Math.abs(p - page) > 3 && p != 1 && p != slice.pages()) {
                if (!skipping) {
                    h.append("&hellip; ");
                }
                skipping = true;
                continue;
            }
            skipping = false;
            if (p == page) {
                h.append("<b>").append(p).append("</b>");
            } else {
                link(h, slice, p, Integer.toString(p));
            }
        }
        if (page < slice.pages()) {
            link(h, slice, page + 1, "next &raquo;");
        }
        h.append("</p>");
    }

    private static void link(StringBuilder h, StatusSlice slice, int page, String text) {
        h.append("<a href=\"/").append(esc(slice.query().forPage(page))).append("\">").append(text).append("</a>");
    }

    private static String num(double v, String format) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, format, v);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
