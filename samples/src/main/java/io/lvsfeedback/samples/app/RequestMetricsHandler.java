package io.lvsfeedback.samples.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.EventsHandler;

/**
 * Times every request into the Micrometer timer {@value #TIMER} (tags method, uri, status,
 * outcome, exception) and keeps the gauge {@value #IN_FLIGHT} of requests being served. The
 * {@code uri} tag is the endpoint path, or {@code NOT_FOUND} for anything else, so a scan of
 * random paths cannot create unbounded meters.
 */
final class RequestMetricsHandler extends EventsHandler {

    static final String TIMER = "http.server.requests";
    static final String IN_FLIGHT = "http.server.requests.inflight";
    private static final String START_ATTRIBUTE = RequestMetricsHandler.class.getName() + ".start";

    private final MeterRegistry registry;
    private final Set<String> knownPaths;
    private final AtomicInteger inFlight = new AtomicInteger(); // a field: gauges hold it weakly

    RequestMetricsHandler(Handler next, MeterRegistry registry, Set<String> knownPaths) {
        super(next);
        this.registry = registry;
        this.knownPaths = Set.copyOf(knownPaths);
        Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("requests being served")
                .register(registry);
    }

    @Override
    protected void onBeforeHandling(Request request) {
        inFlight.incrementAndGet();
        request.setAttribute(START_ATTRIBUTE, System.nanoTime());
    }

    @Override
    protected void onComplete(Request request, int status, HttpFields headers, Throwable failure) {
        Object start = request.getAttribute(START_ATTRIBUTE);
        if (!(start instanceof Long startNanos)) {
            return; // never counted as started (e.g. rejected before handling)
        }
        inFlight.decrementAndGet();
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
                .register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
