package io.lvsfeedback.model.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One agent report: administrative state, suggested weight and the raw signals behind it.
 * Immutable; build with {@link #builder()}. A signal that is unknown is absent and reads as NaN.
 */
public final class FeedbackReport {
    /** Highest weight percentage an agent may suggest. */
    public static final int MAX_WEIGHT_PERCENT = 100;

    private final AdminState state;
    private final String reason;
    private final int weightPercent;
    private final Map<String, Double> signals;
    private final List<Integer> ports;
    private final int portsOmitted;
    private final String host;
    private final String source;
    private final long sequence;
    private final long timestampMillis;
    private final long uptimeMillis;
    private final long epochMillis;

    private FeedbackReport(Builder b) {
        this.state = b.state;
        this.reason = b.reason;
        this.weightPercent = b.weightPercent;
        this.signals = Collections.unmodifiableMap(new LinkedHashMap<>(b.signals));
        this.ports = Collections.unmodifiableList(new ArrayList<>(b.ports));
        this.portsOmitted = b.portsOmitted;
        this.host = b.host;
        this.source = b.source;
        this.sequence = b.sequence;
        this.timestampMillis = b.timestampMillis;
        this.uptimeMillis = b.uptimeMillis;
        this.epochMillis = b.epochMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this report's values. */
    public Builder toBuilder() {
        Builder b = new Builder().state(state).reason(reason).weightPercent(weightPercent).host(host).source(source)
                .sequence(sequence).timestampMillis(timestampMillis).uptimeMillis(uptimeMillis).epochMillis(epochMillis)
                .ports(ports).portsOmitted(portsOmitted);
        signals.forEach(b::signal);
        return b;
    }

    public AdminState state() {
        return state;
    }

    /** Why the agent is in its state; empty when it has nothing to say. */
    public String reason() {
        return reason;
    }

    /** Suggested weight, 0..100 percent of the operator's weight. */
    public int weightPercent() {
        return weightPercent;
    }

    /** The value of a signal (see {@link Signals}), NaN when the report does not carry it. */
    public double signal(String name) {
        Double v = signals.get(name);
        return v == null ? Double.NaN : v;
    }

    /** Known signals only, in insertion order. */
    public Map<String, Double> signals() {
        return signals;
    }

    /** TCP ports the agent's JVM listens on (the application's ports). */
    public List<Integer> ports() {
        return ports;
    }

    /** Listening ports the agent left out of {@link #ports()} so its reply fits; 0 when the list is whole. */
    public int portsOmitted() {
        return portsOmitted;
    }

    public String host() {
        return host;
    }

    /**
     * Where the request and pool signals came from, e.g. {@code requests:micrometer,pool:tomcat};
     * empty when unknown (no such signal, or an older agent).
     */
    public String source() {
        return source;
    }

    public long sequence() {
        return sequence;
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    public long uptimeMillis() {
        return uptimeMillis;
    }

    /**
     * The wall-clock start (epoch ms, a multiple of the agent's sample interval) of the sample the
     * signals come from; 0 when unknown. Every bridge that polls within one interval gets the same
     * signals under the same epoch, which is what lets directors compute the same weights.
     */
    public long epochMillis() {
        return epochMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FeedbackReport)) {
            return false;
        }
        FeedbackReport r = (FeedbackReport) o;
        return state == r.state && reason.equals(r.reason) && weightPercent == r.weightPercent
                && signals.equals(r.signals) && ports.equals(r.ports) && portsOmitted == r.portsOmitted && host.equals(r.host)
                && source.equals(r.source)
                && sequence == r.sequence && timestampMillis == r.timestampMillis
                && uptimeMillis == r.uptimeMillis && epochMillis == r.epochMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, reason, weightPercent, signals, ports, host, sequence);
    }

    @Override
    public String toString() {
        return "FeedbackReport{" + state.word() + (reason.isEmpty() ? "" : " #" + reason)
                + ", weight=" + weightPercent + "%, signals=" + signals + ", ports=" + ports
                + (portsOmitted == 0 ? "" : " +" + portsOmitted + " more") + ", host=" + host + (source.isEmpty() ? "" : ", source=" + source) + ", seq=" + sequence + '}';
    }

    /** Builds a {@link FeedbackReport}; every setter validates its argument. */
    public static final class Builder {
        private AdminState state = AdminState.READY;
        private String reason = "";
        private int weightPercent = MAX_WEIGHT_PERCENT;
        private final Map<String, Double> signals = new LinkedHashMap<>();
        private final List<Integer> ports = new ArrayList<>();
        private int portsOmitted;
        private String host = "";
        private String source = "";
        private long sequence;
        private long timestampMillis;
        private long uptimeMillis;
        private long epochMillis;

        private Builder() {}

        public Builder state(AdminState state) {
            this.state = Objects.requireNonNull(state, "state");
            return this;
        }

        /** Free text; line breaks would break the one-line protocol, so they become spaces. */
        public Builder reason(String reason) {
            this.reason = reason == null ? "" : reason.replaceAll("[\\r\\n]+", " ").trim();
            return this;
        }

        public Builder weightPercent(int percent) {
            if (percent < 0 || percent > MAX_WEIGHT_PERCENT) {
                throw new IllegalArgumentException("weight percent must be 0..100, got " + percent);
            }
            this.weightPercent = percent;
            return this;
        }

        /** Sets a signal; a NaN or infinite value means unknown and removes it. */
        public Builder signal(String name, double value) {
            if (!WireSyntax.isKey(name)) {
                throw new IllegalArgumentException("bad signal name '" + name + "'");
            }
            if (Double.isFinite(value)) {
                signals.put(name, value);
            } else {
                signals.remove(name);
            }
            return this;
        }

        public Builder ports(List<Integer> ports) {
            this.ports.clear();
            for (Integer p : ports) {
                if (p == null || p < 1 || p > 65535) {
                    throw new IllegalArgumentException("bad port " + p);
                }
                this.ports.add(p);
            }
            return this;
        }

        public Builder portsOmitted(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("omitted port count must be >= 0, got " + count);
            }
            this.portsOmitted = count;
            return this;
        }

        public Builder host(String host) {
            this.host = host == null ? "" : host;
            return this;
        }

        /** Where the request and pool signals came from; free text without line breaks. */
        public Builder source(String source) {
            this.source = source == null ? "" : source.replaceAll("[\\r\\n]+", " ").trim();
            return this;
        }

        public Builder sequence(long sequence) {
            this.sequence = sequence;
            return this;
        }

        public Builder timestampMillis(long millis) {
            this.timestampMillis = millis;
            return this;
        }

        public Builder uptimeMillis(long millis) {
            this.uptimeMillis = millis;
            return this;
        }

        public Builder epochMillis(long millis) {
            this.epochMillis = millis;
            return this;
        }

        public FeedbackReport build() {
            return new FeedbackReport(this);
        }
    }
}
