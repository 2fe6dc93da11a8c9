package io.lvsfeedback.agent.signal;

import io.lvsfeedback.model.protocol.Signals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request and thread-pool signals, each group from the best source that has it: sources are
 * listed best first (the application's Micrometer timer, then the servers' own MBeans), and on every
 * sample each group is taken whole from the first source that knows its lead signal ({@code rps}
 * for requests, {@code pool_max} for the pool), so a request rate and the concurrency beside it
 * always come from the same place. The two groups may come from different sources (Micrometer's
 * timer with Tomcat's pool is the usual Spring Boot pair). {@link #source()} names them, e.g.
 * {@code requests:micrometer,pool:tomcat}.
 */
public final class SignalSources implements LoadSignal {
    /** A group of signals that travel together, and the signal that says a source has the group. */
    enum Group {
        REQUESTS("requests", Signals.REQUESTS_PER_SECOND, Signals.REQUESTS_PER_SECOND, Signals.ERRORS_PER_SECOND,
                Signals.CONCURRENCY, Signals.IN_FLIGHT, Signals.LATENCY_P50_MS, Signals.LATENCY_P99_MS),
        POOL("pool", Signals.POOL_MAX, Signals.POOL_BUSY, Signals.POOL_MAX, Signals.POOL_QUEUE);

        final String word;
        final String lead;
        final List<String> signals;

        Group(String word, String lead, String... signals) {
            this.word = word;
            this.lead = lead;
            this.signals = List.of(signals);
        }
    }

    /** One named source. */
    public static final class Source {
        final String name;
        final LoadSignal signal;

        public Source(String name, LoadSignal signal) {
            this.name = name;
            this.signal = signal;
        }
    }

    private final List<Source> sources;
    private volatile String source = "";

    public SignalSources(List<Source> bestFirst) {
        this.sources = List.copyOf(bestFirst);
    }

    @Override
    public void sample(Map<String, Double> out) {
        List<Map<String, Double>> samples = new ArrayList<>();
        for (Source s : sources) {
            Map<String, Double> m = new HashMap<>();
            try {
                s.signal.sample(m);
            } catch (RuntimeException | LinkageError e) {
                m.clear(); // one broken source leaves the others
            }
            samples.add(m);
        }
        Map<Group, String> from = new LinkedHashMap<>();
        for (Group g : Group.values()) {
            int best = pick(g, samples);
            for (String name : g.signals) {
                out.put(name, best < 0 ? Double.NaN : value(samples.get(best), name));
            }
            if (best >= 0) {
                from.put(g, sources.get(best).name);
            }
        }
        StringBuilder b = new StringBuilder();
        from.forEach((g, name) -> b.append(b.length() == 0 ? "" : ",").append(g.word).append(':').append(name));
        source = b.toString();
    }

    /** The first source that knows the group's lead signal, else the first that knows any of it; -1 for none. */
    private static int pick(Group g, List<Map<String, Double>> samples) {
        for (int i = 0; i < samples.size(); i++) {
            if (!Double.isNaN(value(samples.get(i), g.lead))) {
                return i;
            }
        }
        for (int i = 0; i < samples.size(); i++) {
            for (String name : g.signals) {
                if (!Double.isNaN(value(samples.get(i), name))) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static double value(Map<String, Double> m, String name) {
        Double v = m.get(name);
        return v == null ? Double.NaN : v;
    }

    /** Where the last sample's groups came from, e.g. {@code requests:micrometer,pool:tomcat}; empty for none. */
    @Override
    public String source() {
        return source;
    }

    @Override
    public void close() {
        for (Source s : sources) {
            try {
                s.signal.close();
            } catch (RuntimeException e) {
                // closing is best effort
            }
        }
    }
}
