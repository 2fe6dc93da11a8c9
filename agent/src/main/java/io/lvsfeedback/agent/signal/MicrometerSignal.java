package io.lvsfeedback.agent.signal;

import io.lvsfeedback.agent.util.AgentClock;
import io.lvsfeedback.agent.util.AgentLog;
import io.lvsfeedback.model.protocol.Signals;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Request rate, error rate, latency percentiles and in-flight requests from the application's
 * Micrometer timer (default {@code http.server.requests}), read reflectively from
 * {@code Metrics.globalRegistry}: the agent does not bring Micrometer, it uses the application's.
 * Errors are requests tagged {@code outcome=SERVER_ERROR} or a {@code status} of 5xx. Percentiles
 * are there only when the application publishes them.
 *
 * <p>Mean concurrency ({@link Signals#CONCURRENCY}) is Little's law on the same timers: the time
 * spent in requests that ended during a sample interval, divided by the interval's length, is the
 * mean number of requests in service over it. Unlike a count of busy threads sampled once per
 * interval (an integer, mostly 0 or 1 at tens of requests per second), it sees every request.
 *
 * <p>A registry without the timer is not a server without traffic: the request signals stay NaN
 * until the timer exists, so a server's own statistics ({@link SignalSources}) stand in. When the
 * default timer is absent, Reactor Netty's own ({@value #REACTOR_NETTY_METER}, published when the
 * application turns Reactor Netty's metrics on) is read instead: event-loop servers have no request
 * threads to count, so their timer is the only request plane there is.
 */
public final class MicrometerSignal implements LoadSignal {
    private static final AgentLog LOG = AgentLog.of(MicrometerSignal.class);
    public static final String SOURCE = "micrometer";
    static final String METRICS_CLASS = "io.micrometer.core.instrument.Metrics";
    /** The agent's default {@code meter}: Spring's (MVC and WebFlux) and many others' request timer. */
    static final String DEFAULT_METER = "http.server.requests";
    /** Reactor Netty's request timer ({@code HttpServer.metrics(true, ...)}), tags uri, method, status. */
    static final String REACTOR_NETTY_METER = "reactor.netty.http.server.response.time";
    /** Looking for the registry is cheap but not free: at most this often while not found. */
    private static final long DISCOVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AgentClock clock;
    private final String meterName;
    /** The timer read last; a switch between timers starts the rates over. */
    private String readName;
    private final Supplier<Collection<ClassLoader>> loaders;
    private Api api;
    private long lastDiscovery = Long.MIN_VALUE;
    private long lastCount = -1;
    private long lastErrors = -1;
    private double lastTotalSeconds = Double.NaN;
    private long lastNanos;

    public MicrometerSignal(AgentClock clock, String meterName) {
        this(clock, meterName, MicrometerSignal::candidateLoaders);
    }

    MicrometerSignal(AgentClock clock, String meterName, Supplier<Collection<ClassLoader>> loaders) {
        this.clock = clock;
        this.meterName = meterName;
        this.loaders = loaders;
    }

    @Override
    public synchronized void sample(Map<String, Double> out) {
        for (String s : new String[] {Signals.REQUESTS_PER_SECOND, Signals.ERRORS_PER_SECOND,
                Signals.LATENCY_P50_MS, Signals.LATENCY_P99_MS, Signals.IN_FLIGHT, Signals.CONCURRENCY}) {
            out.put(s, Double.NaN);
        }
        long now = clock.nanoTime();
        if (api == null && (lastDiscovery == Long.MIN_VALUE || now - lastDiscovery >= DISCOVERY_NANOS)) {
            lastDiscovery = now;
            api = Api.discover(loaders.get());
            if (api != null) {
                LOG.info("found the application's Micrometer registry; request timer '" + meterName + "'"
                        + (DEFAULT_METER.equals(meterName) ? " or '" + REACTOR_NETTY_METER + "'" : ""));
            }
        }
        if (api == null) {
            return;
        }
        try {
            read(out, now);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("cannot read Micrometer meters: " + e);
        }
    }

    private void read(Map<String, Double> out, long now) throws ReflectiveOperationException {
        String name = meterName;
        List<Object> timers = api.timers(name);
        if (timers.isEmpty() && DEFAULT_METER.equals(meterName)) {
            name = REACTOR_NETTY_METER;
            timers = api.timers(name);
        }
        if (timers.isEmpty()) {
            lastCount = -1; // no timer (yet): unknown, and no baseline for when it comes
            out.put(Signals.IN_FLIGHT, api.activeTasks(meterName + ".active"));
            return;
        }
        if (!name.equals(readName)) {
            LOG.info("reading request metrics from Micrometer timer '" + name + "'"
                    + (readName == null ? "" : " (was '" + readName + "')"));
            readName = name;
            lastCount = -1;
        }
        long count = 0;
        long errors = 0;
        double totalSeconds = 0;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        for (Object timer : timers) {
            long c = ((Number) api.count.invoke(timer)).longValue();
            count += c;
            totalSeconds += ((Number) api.totalTime.invoke(timer, TimeUnit.SECONDS)).doubleValue();
            if (api.isError(timer)) {
                errors += c;
            }
            if (api.percentileValues == null) {
                continue;
            }
            for (Object vp : (Object[]) api.percentileValues.invoke(api.takeSnapshot.invoke(timer))) {
                double pct = (Double) api.percentile.invoke(vp);
                double ms = (Double) api.value.invoke(vp, TimeUnit.MILLISECONDS);
                // Over several timers (one per URI/status), the worst one is what a client sees.
                if (Math.abs(pct - 0.5) < 1e-9) {
                    p50 = Double.isNaN(p50) ? ms : Math.max(p50, ms);
                } else if (Math.abs(pct - 0.99) < 1e-9) {
                    p99 = Double.isNaN(p99) ? ms : Math.max(p99, ms);
                }
            }
        }
        if (lastCount >= 0 && now > lastNanos && count >= lastCount) {
            double seconds = (now - lastNanos) / 1e9;
            out.put(Signals.REQUESTS_PER_SECOND, (count - lastCount) / seconds);
            out.put(Signals.ERRORS_PER_SECOND, Math.max(0, errors - lastErrors) / seconds);
            // A timer that went away (or a registry reset) would make the sum shrink: unknown, not negative.
            if (totalSeconds >= lastTotalSeconds) {
                out.put(Signals.CONCURRENCY, (totalSeconds - lastTotalSeconds) / seconds);
            }
        }
        lastCount = count;
        lastErrors = errors;
        lastTotalSeconds = totalSeconds;
        lastNanos = now;
        out.put(Signals.LATENCY_P50_MS, p50);
        out.put(Signals.LATENCY_P99_MS, p99);
        out.put(Signals.IN_FLIGHT, api.activeTasks(meterName + ".active"));
    }

    /** The system class loader and the context loaders of live threads (fat-jar launchers). */
    static Collection<ClassLoader> candidateLoaders() {
        Set<ClassLoader> out = new LinkedHashSet<>();
        out.add(ClassLoader.getSystemClassLoader());
        for (Thread thread : LiveThreads.all()) {
            ClassLoader cl = thread.getContextClassLoader();
            if (cl != null) {
                out.add(cl);
            }
        }
        return out;
    }

    /** Micrometer's public API, looked up once from the loader that has it. */
    private static final class Api {
        final Object registry;
        final Method find;
        final Method timers;
        final Method longTaskTimers;
        final Method count;
        final Method totalTime;
        final Method takeSnapshot;
        final Method percentileValues;
        final Method percentile;
        final Method value;
        final Method getId;
        final Method getTag;
        final Method activeTasks;
        final Method getRegistries;

        private Api(ClassLoader cl) throws ReflectiveOperationException {
            Class<?> metrics = Class.forName(METRICS_CLASS, false, cl);
            this.registry = metrics.getField("globalRegistry").get(null);
            Class<?> meterRegistry = Class.forName("io.micrometer.core.instrument.MeterRegistry", false, cl);
            Class<?> search = Class.forName("io.micrometer.core.instrument.search.Search", false, cl);
            Class<?> timer = Class.forName("io.micrometer.core.instrument.Timer", false, cl);
            Class<?> meter = Class.forName("io.micrometer.core.instrument.Meter", false, cl);
            Class<?> id = Class.forName("io.micrometer.core.instrument.Meter$Id", false, cl);
            Class<?> ltt = Class.forName("io.micrometer.core.instrument.LongTaskTimer", false, cl);
            this.find = meterRegistry.getMethod("find", String.class);
            this.timers = search.getMethod("timers");
            this.longTaskTimers = search.getMethod("longTaskTimers");
            this.count = timer.getMethod("count");
            this.totalTime = timer.getMethod("totalTime", TimeUnit.class);
            Method[] percentiles = percentileApi(cl, timer);
            this.takeSnapshot = percentiles[0];
            this.percentileValues = percentiles[1];
            this.percentile = percentiles[2];
            this.value = percentiles[3];
            this.getId = meter.getMethod("getId");
            this.getTag = id.getMethod("getTag", String.class);
            this.activeTasks = ltt.getMethod("activeTasks");
            Class<?> composite = Class.forName("io.micrometer.core.instrument.composite.CompositeMeterRegistry", false, cl);
            this.getRegistries = composite.getMethod("getRegistries");
        }

        /** Snapshot and percentile getters; all null when this Micrometer version lacks them (latency stays NaN). */
        private static Method[] percentileApi(ClassLoader cl, Class<?> timer) {
            try {
                Class<?> snapshot = Class.forName("io.micrometer.core.instrument.distribution.HistogramSnapshot", false, cl);
                Class<?> vp = Class.forName("io.micrometer.core.instrument.distribution.ValueAtPercentile", false, cl);
                return new Method[] {timer.getMethod("takeSnapshot"), snapshot.getMethod("percentileValues"),
                    vp.getMethod("percentile"), vp.getMethod("value", TimeUnit.class)};
            } catch (ReflectiveOperationException | LinkageError e) {
                return new Method[4];
            }
        }

        static Api discover(Collection<ClassLoader> loaders) {
            for (ClassLoader cl : loaders) {
                try {
                    return new Api(cl);
                } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                    // not in this loader
                }
            }
            return null;
        }

        List<Object> timers(String name) throws ReflectiveOperationException {
            return new ArrayList<>(search(timers, name));
        }

        /**
         * The meters of that name in the global registry or, when it has none, in the first of its
         * member registries that has some. Spring Boot's actuator adds its registry to the global
         * one, but its instrumentation registers {@code http.server.requests} on its own registry,
         * where the global composite's search does not look. One member only: the same timer in two
         * members (two exporters) would count twice.
         */
        private Collection<?> search(Method kind, String name) throws ReflectiveOperationException {
            Collection<?> found = (Collection<?>) kind.invoke(find.invoke(registry, name));
            if (!found.isEmpty() || getRegistries == null || !getRegistries.getDeclaringClass().isInstance(registry)) {
                return found;
            }
            for (Object member : (Collection<?>) getRegistries.invoke(registry)) {
                Collection<?> inMember = (Collection<?>) kind.invoke(find.invoke(member, name));
                if (!inMember.isEmpty()) {
                    return inMember;
                }
            }
            return found;
        }

        boolean isError(Object timer) throws ReflectiveOperationException {
            Object meterId = getId.invoke(timer);
            String outcome = (String) getTag.invoke(meterId, "outcome");
            String status = (String) getTag.invoke(meterId, "status");
            return "SERVER_ERROR".equals(outcome) || (status != null && status.startsWith("5"));
        }

        double activeTasks(String name) throws ReflectiveOperationException {
            Collection<?> found = search(longTaskTimers, name);
            if (found.isEmpty()) {
                return Double.NaN;
            }
            double sum = 0;
            for (Object t : found) {
                sum += ((Number) activeTasks.invoke(t)).doubleValue();
            }
            return sum;
        }
    }
}
