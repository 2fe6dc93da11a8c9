package io.lvsfeedback.bridge.http;

import io.lvsfeedback.bridge.engine.BridgeEngine;
import io.lvsfeedback.bridge.engine.DestinationState;
import io.lvsfeedback.bridge.history.HistoryPoint;
import io.lvsfeedback.bridge.history.HistoryRecorder;
import io.lvsfeedback.bridge.history.Mark;
import io.lvsfeedback.bridge.ipvs.Endpoints;
import io.lvsfeedback.bridge.ipvs.ServiceEntry;
import io.lvsfeedback.bridge.json.JsonWriter;
import io.lvsfeedback.bridge.policy.Decision;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /status.json}: the page's slice for scripts, with the same fields and paging (see the
 * bridge README, "HTTP"). Absent numbers are {@code null}; {@code history=true} adds each
 * destination's points.
 */
public final class StatusJson {
    private final BridgeEngine engine;
    private final HistoryRecorder history;

    public StatusJson(BridgeEngine engine, HistoryRecorder history) {
        this.engine = engine;
        this.history = history;
    }

    public String render(StatusQuery query) {
        long now = engine.now();
        StatusSlice slice = StatusSlice.of(engine.services(), query);
        StringBuilder out = new StringBuilder(8192);
        JsonWriter w = new JsonWriter(out);
        w.beginObject()
                .name("version").value(BuildInfo.version())
                .name("mode").value(engine.paused() ? "paused" : engine.dryRun() ? "dry-run" : "running")
                .name("cycles").value(engine.cycles())
                .name("pollIntervalMillis").value(engine.config().pollIntervalMillis())
                .name("service").value(query.service())
                .name("page").value(slice.page())
                .name("pages").value(slice.pages())
                .name("limit").value(query.limit())
                .name("destinations").value(slice.total())
                .name("services").beginArray();
        for (StatusSlice.Group g : slice.groups()) {
            StatusSlice.Summary sum = g.summary();
            w.beginObject()
                    .name("key").value(g.service().key().toString())
                    .name("scheduler").value(g.service().scheduler())
                    .name("ignoresWeights").value(ServiceEntry.ignoresWeights(g.service().scheduler()))
                    .name("destinations").value(sum.destinations())
                    .name("serving").value(sum.serving())
                    .name("notReady").value(sum.notReady())
                    .name("totalWeight").value(sum.totalWeight())
                    .name("members").beginArray();
            for (DestinationState d : g.rows()) {
                destination(w, d, now, query.history());
            }
            w.endArray().endObject();
        }
        w.endArray().endObject();
        return out.append('\n').toString();
    }

    private void destination(JsonWriter w, DestinationState d, long now, boolean withHistory) {
        FeedbackReport r = d.report();
        Decision dec = d.lastDecision();
        long age = d.reportAgeMillis(now);
        w.beginObject()
                .name("destination").value(d.key().toString())
                .name("agent").value(d.agent() == null ? null : Endpoints.format(d.agent()))
                .name("state").value(r == null ? "unknown" : r.state().word())
                .name("agentReason").value(r == null ? null : r.reason())
                .name("source").value(r == null || r.source().isEmpty() ? null : r.source())
                .name("authenticated").value(d.reportAuthenticated())
                .name("capacity").value(signal(r, Signals.CAPACITY))
                .name("utilization").value(signal(r, Signals.UTILIZATION))
                .name("requestsPerSecond").value(signal(r, Signals.REQUESTS_PER_SECOND))
                .name("reportAgeMillis");
        if (age < 0) {
            w.nullValue();
        } else {
            w.value(age);
        }
        w.name("baseWeight").value(d.baseWeight())
                .name("targetWeight").value(dec == null ? d.kernelWeight() : dec.target())
                .name("appliedWeight").value(d.kernelWeight())
                .name("cause").value(dec == null ? null : dec.cause().name().toLowerCase(Locale.ROOT))
                .name("reason").value(dec == null ? null : dec.reason())
                .name("override");
        if (d.override() < 0) {
            w.nullValue();
        } else {
            w.value(d.override());
        }
        w.name("frozen").value(d.frozen())
                .name("quiesced").value(d.quiesced())
                .name("lastPollError").value(d.lastPollError())
                .name("lastChange").value(d.lastChange().isEmpty() ? null : d.lastChange())
                .name("signals").beginObject();
        if (r != null) {
            for (Map.Entry<String, Double> e : r.signals().entrySet()) {
                w.name(e.getKey()).value(e.getValue());
            }
        }
        w.endObject();
        if (withHistory) {
            w.name("history").beginArray();
            for (HistoryPoint p : history.points(d)) {
                w.beginObject().name("ageMillis").value(now - p.atMillis()).name("weight").value(p.weight())
                        .name("capacity").value(p.capacity()).name("state").value(p.state().word()).name("marks").beginArray();
                for (Mark m : p.marks()) {
                    w.value(m.word());
                }
                w.endArray().endObject();
            }
            w.endArray();
        }
        w.endObject();
    }

    private static double signal(FeedbackReport r, String name) {
        return r == null ? Double.NaN : r.signal(name);
    }
}
