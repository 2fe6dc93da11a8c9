package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.Signals;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalSourcesTest {

    private static LoadSignal fixed(Map<String, Double> values) {
        return out -> out.putAll(values);
    }

    private static Map<String, Double> sample(SignalSources s) {
        Map<String, Double> out = new HashMap<>();
        s.sample(out);
        return out;
    }

    @Test
    void eachGroupWholeFromTheFirstSourceThatKnowsIt() {
        Map<String, Double> micrometer = new HashMap<>(Map.of(Signals.REQUESTS_PER_SECOND, 10.0, Signals.CONCURRENCY, 0.5));
        micrometer.put(Signals.POOL_MAX, Double.NaN);
        Map<String, Double> tomcat = Map.of(Signals.REQUESTS_PER_SECOND, 11.0, Signals.ERRORS_PER_SECOND, 1.0,
                Signals.CONCURRENCY, 0.6, Signals.POOL_BUSY, 2.0, Signals.POOL_MAX, 200.0);
        SignalSources s = new SignalSources(List.of(new SignalSources.Source("micrometer", fixed(micrometer)),
                new SignalSources.Source("tomcat", fixed(tomcat))));
        Map<String, Double> out = sample(s);
        assertThat(out.get(Signals.REQUESTS_PER_SECOND)).isEqualTo(10.0);
        assertThat(out.get(Signals.CONCURRENCY)).isEqualTo(0.5);
        // not Tomcat's error rate beside Micrometer's request rate: the group travels whole
        assertThat(out.get(Signals.ERRORS_PER_SECOND)).isNaN();
        assertThat(out.get(Signals.POOL_MAX)).isEqualTo(200.0);
        assertThat(s.source()).isEqualTo("requests:micrometer,pool:tomcat");
    }

    @Test
    void aSourceWithoutItsLeadSignalYieldsToTheNext() {
        // Micrometer before its first rate (or without the timer): Tomcat's counters stand in
        Map<String, Double> micrometer = new HashMap<>();
        micrometer.put(Signals.REQUESTS_PER_SECOND, Double.NaN);
        micrometer.put(Signals.IN_FLIGHT, 3.0);
        Map<String, Double> tomcat = Map.of(Signals.REQUESTS_PER_SECOND, 11.0);
        SignalSources s = new SignalSources(List.of(new SignalSources.Source("micrometer", fixed(micrometer)),
                new SignalSources.Source("tomcat", fixed(tomcat))));
        assertThat(sample(s).get(Signals.REQUESTS_PER_SECOND)).isEqualTo(11.0);
        assertThat(s.source()).isEqualTo("requests:tomcat");
    }

    @Test
    void nothingKnownEverythingNaNAndNoSource() {
        LoadSignal broken = out -> {
            throw new IllegalStateException("boom");
        };
        SignalSources s = new SignalSources(List.of(new SignalSources.Source("broken", broken),
                new SignalSources.Source("empty", fixed(Map.of()))));
        Map<String, Double> out = sample(s);
        assertThat(out).containsKeys(Signals.REQUESTS_PER_SECOND, Signals.POOL_BUSY, Signals.POOL_MAX, Signals.POOL_QUEUE);
        assertThat(out.values()).allMatch(v -> v.isNaN());
        assertThat(s.source()).isEmpty();
    }
}
