package io.lvsfeedback.bridge.http;

import io.lvsfeedback.bridge.engine.BridgeEngine;
import io.lvsfeedback.bridge.engine.DestinationState;
import io.lvsfeedback.bridge.engine.ServiceState;
import io.lvsfeedback.bridge.ipvs.Endpoints;
import io.lvsfeedback.bridge.ipvs.ServiceEntry;
import io.lvsfeedback.bridge.policy.Decision;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import java.util.Locale;

/** The HTML page for a person: each service, its destinations, their weights and why. */
public final class StatusPage {
    private final BridgeEngine engine;

    public StatusPage(BridgeEngine engine) {
        this.engine = engine;
    }

    public String render() {
        long now = engine.now();
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"2\">")
                .append("<title>lvs-feedback bridge</title><style>")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222}")
                .append("table{border-collapse:collapse;margin-bottom:1.5em;width:100%}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;font-size:14px}")
                .append("th{background:#eef}td.n{text-align:right;font-variant-numeric:tabular-nums}")
                .append(".ready{color:#070}.drain,.maint{color:#a60}.down,.unknown{color:#b00}")
                .append(".reason{color:#555;font-size:13px}.warn{color:#b00}</style></head><body>");
        h.append("<h1>lvs-feedback director bridge</h1><p>")
                .append(engine.paused() ? "<b class=\"warn\">paused</b> (nothing written)" : engine.dryRun()
                        ? "<b class=\"warn\">dry run</b> (nothing written)" : "running")
                .append(" &middot; ").append(engine.cycles()).append(" cycles &middot; poll every ")
                .append(engine.config().pollIntervalMillis()).append(" ms &middot; <a href=\"/metrics\">metrics</a></p>");
        if (engine.services().isEmpty()) {
            h.append("<p>No managed IPVS service yet.</p>");
        }
        for (ServiceState s : engine.services()) {
            h.append("<h2>").append(esc(s.key().toString())).append(" <small>(").append(esc(s.scheduler())).append(")</small></h2>");
            if (ServiceEntry.ignoresWeights(s.scheduler())) {
                h.append("<p class=\"warn\">scheduler ").append(esc(s.scheduler()))
                        .append(" ignores weights other than 0</p>");
            }
            h.append("<table><tr><th>destination</th><th>agent</th><th>state</th><th>capacity</th><th>util</th>")
                    .append("<th>base</th><th>target</th><th>applied</th><th>report age</th><th>reason</th></tr>");
            for (DestinationState d : s.destinations()) {
                row(h, d, now);
            }
            h.append("</table>");
        }
        return h.append("</body></html>").toString();
    }

    private static void row(StringBuilder h, DestinationState d, long now) {
        FeedbackReport r = d.report();
        String state = r == null ? "unknown" : r.state().word();
        Decision dec = d.lastDecision();
        long age = d.reportAgeMillis(now);
        String flags = (d.frozen() ? " [frozen]" : "") + (d.override() >= 0 ? " [override " + d.override() + "]" : "")
                + (d.quiesced() ? " [quiesced]" : "");
        String agent = d.agent() == null ? "" : Endpoints.format(d.agent());
        h.append("<tr><td>").append(esc(d.key().toString())).append(esc(flags)).append("</td><td>").append(esc(agent))
                .append("</td><td class=\"").append(state).append("\">").append(state)
                .append(r != null && !r.reason().isEmpty() ? " (" + esc(r.reason()) + ")" : "")
                .append("</td><td class=\"n\">").append(num(r == null ? Double.NaN : r.signal(Signals.CAPACITY), "%.0f"))
                .append("</td><td class=\"n\">").append(num(r == null ? Double.NaN : r.signal(Signals.UTILIZATION), "%.2f"))
                .append("</td><td class=\"n\">").append(d.baseWeight())
                .append("</td><td class=\"n\">").append(dec == null ? "" : dec.target())
                .append("</td><td class=\"n\"><b>").append(d.kernelWeight()).append("</b>")
                .append("</td><td class=\"n\">").append(age < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", age / 1000.0))
                .append("</td><td class=\"reason\">").append(dec == null ? "" : esc(dec.reason()))
                .append(d.lastPollError() == null ? "" : "<br><span class=\"warn\">" + esc(d.lastPollError()) + "</span>")
                .append("</td></tr>");
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
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
