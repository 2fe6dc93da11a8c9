package io.lvsfeedback.samples.app;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.EventsHandler;

/**
 * Times every request into the Micrometer timer {@value #TIMER} (tags method, uri, status,
 * outcome, exception; p50 and p99 over a short window) and counts the requests being served in the
 * long-task timer {@value #IN_FLIGHT} (Micrometer's convention, which the agent reads). The
 * {@code uri} tag is the endpoint path, or {@code NOT_FOUND} for anything else, so a scan of
 * random paths cannot create unbounded meters.
 */
final class RequestMetricsHandler extends EventsHandler {

    static final String TIMER = "http.server.requests";
    static final String IN_FLIGHT = "http.server.requests.active";
    /** Percentiles follow a change of the server's speed within seconds, as a demo needs. */
    static final Duration PERCENTILE_WINDOW = Duration.ofSeconds(10);
    private static final String START_ATTRIBUTE = RequestMetricsHandler.class.getName() + ".start";
    private static final String ACTIVE_ATTRIBUTE = RequestMetricsHandler.class.getName() + ".active";

    private final MeterRegistry registry;
    private final Set<String> knownPaths;
    private final LongTaskTimer inFlight;

    RequestMetricsHandler(Handler next, MeterRegistry registry, Set<String> knownPaths) {
        super(next);
        this.registry = registry;
        this.knownPaths = Set.copyOf(knownPaths);
        this.inFlight = LongTaskTimer.builder(IN_FLIGHT)
                .description("requests being served")
                .register(registry);
    }

    @Override
    protected void onBeforeHandling(Request request) {
        request.setAttribute(ACTIVE_ATTRIBUTE, inFlight.start());
        request.setAttribute(START_ATTRIBUTE, System.nanoTime());
    }

    @Override
    protected void onComplete(Request request, int status, HttpFields headers, Throwable failure) {
        Object start = request.getAttribute(START_ATTRIBUTE);
        if (!(start instanceof Long startNanos)
                || !(request.getAttribute(ACTIVE_ATTRIBUTE) instanceof LongTaskTimer.Sample active)) {
            return; // never counted as started (e.g. rejected before handling)
        }
        active.stop();
        String path = Request.getPathInContext(request);
        Tags tags = Tags.of(
                "method", request.getMethod(),
                "uri", knownPaths.contains(path) ? path : "NOT_FOUND",
                "status", Integer.toString(status),
                "outcome", Outcome.forStatus(status).name(),
                "exception", failure == null ? "none" : failure.getClass().getSimpleName());
        Timer.builder(TIMER)
                .description("HTTP requests served")
                .tags(tags)
                .publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(PERCENTILE_WINDOW)
                .distributionStatisticBufferLength(2)
                .register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
