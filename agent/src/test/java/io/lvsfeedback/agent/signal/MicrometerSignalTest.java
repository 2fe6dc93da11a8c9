package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lvsfeedback.agent.testing.FakeClock;
import io.lvsfeedback.model.protocol.Signals;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads a real Micrometer registry, the way an application publishes it, through reflection. */
class MicrometerSignalTest {
    private final FakeClock clock = new FakeClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final String meter = "test.requests." + System.nanoTime();

    @BeforeEach
    void publish() {
        Metrics.addRegistry(registry);
    }

    @AfterEach
    void unpublish() {
        Metrics.removeRegistry(registry);
        registry.close();
    }

    private Timer timer(String status) {
        return Timer.builder(meter).tag("status", status).tag("outcome", status.startsWith("5") ? "SERVER_ERROR" : "SUCCESS")
                .publishPercentiles(0.5, 0.99).register(Metrics.globalRegistry);
    }

    private Map<String, Double> sample(MicrometerSignal s) {
        Map<String, Double> out = new HashMap<>();
        s.sample(out);
        return out;
    }

    @Test
    void ratesLatencyAndInFlightFromTheApplicationsMeters() {
        MicrometerSignal signal = new MicrometerSignal(clock, meter, () -> List.of(getClass().getClassLoader()));
        Timer ok = timer("200");
        Timer failed = timer("503");
        LongTaskTimer active = LongTaskTimer.builder(meter + ".active").register(Metrics.globalRegistry);
        Map<String, Double> first = sample(signal);
        assertThat(first.get(Signals.REQUESTS_PER_SECOND)).isNaN(); // a rate needs two samples

        for (int i = 0; i < 90; i++) {
            ok.record(10, TimeUnit.MILLISECONDS);
        }
        for (int i = 0; i < 10; i++) {
            failed.record(100, TimeUnit.MILLISECONDS);
        }
        LongTaskTimer.Sample inFlight = active.start();
        clock.advance(Duration.ofSeconds(2));
        Map<String, Double> s = sample(signal);
        assertThat(s.get(Signals.REQUESTS_PER_SECOND)).isCloseTo(50, within(1e-9));
        assertThat(s.get(Signals.ERRORS_PER_SECOND)).isCloseTo(5, within(1e-9));
        assertThat(s.get(Signals.IN_FLIGHT)).isEqualTo(1.0);
        assertThat(s.get(Signals.LATENCY_P50_MS)).isBetween(90.0, 110.0); // worst timer's median
        assertThat(s.get(Signals.LATENCY_P99_MS)).isBetween(90.0, 110.0);
        inFlight.stop();
    }

    @Test
    void meanConcurrencyIsTimeInRequestsOverTheInterval() {
        MicrometerSignal signal = new MicrometerSignal(clock, meter, () -> List.of(getClass().getClassLoader()));
        Timer ok = timer("200");
        Timer failed = timer("503");
        sample(signal);
        assertThat(sample(signal).get(Signals.CONCURRENCY)).isNaN(); // no time has passed: unknown
        for (int i = 0; i < 90; i++) {
            ok.record(10, TimeUnit.MILLISECONDS);
        }
        for (int i = 0; i < 10; i++) {
            failed.record(100, TimeUnit.MILLISECONDS);
        }
        clock.advance(Duration.ofSeconds(2));
        // Little's law: (0.9 s + 1.0 s) in requests over 2 s = 0.95 requests in service on average
        assertThat(sample(signal).get(Signals.CONCURRENCY)).isCloseTo(0.95, within(1e-9));
        clock.advance(Duration.ofSeconds(1));
        assertThat(sample(signal).get(Signals.CONCURRENCY)).isEqualTo(0.0); // an idle second
    }

    // Regression: a registry without the timer read as 0 requests/s and hid the server's own statistics.
    @Test
    void noTimerIsUnknownNotZeroTraffic() {
        MicrometerSignal signal = new MicrometerSignal(clock, meter, () -> List.of(getClass().getClassLoader()));
        sample(signal);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sample(signal).get(Signals.REQUESTS_PER_SECOND)).isNaN();
        timer("200").record(5, TimeUnit.MILLISECONDS);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sample(signal).get(Signals.REQUESTS_PER_SECOND)).isNaN(); // the first read of the timer: a baseline
        timer("200").record(5, TimeUnit.MILLISECONDS);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sample(signal).get(Signals.REQUESTS_PER_SECOND)).isEqualTo(1.0);
    }

    @Test
    void withoutTheDefaultTimerReactorNettysIsRead() {
        // Only meaningful while no other test left an http.server.requests timer in the global registry.
        assertThat(Metrics.globalRegistry.find(MicrometerSignal.DEFAULT_METER).timers()).isEmpty();
        MicrometerSignal signal = new MicrometerSignal(clock, MicrometerSignal.DEFAULT_METER,
                () -> List.of(getClass().getClassLoader()));
        Timer netty = Timer.builder(MicrometerSignal.REACTOR_NETTY_METER).tag("status", "200").tag("uri", "/")
                .register(Metrics.globalRegistry);
        try {
            sample(signal);
            for (int i = 0; i < 20; i++) {
                netty.record(100, TimeUnit.MILLISECONDS);
            }
            clock.advance(Duration.ofSeconds(2));
            Map<String, Double> s = sample(signal);
            assertThat(s.get(Signals.REQUESTS_PER_SECOND)).isEqualTo(10.0);
            assertThat(s.get(Signals.CONCURRENCY)).isCloseTo(1.0, within(1e-9));
        } finally {
            Metrics.globalRegistry.remove(netty);
        }
    }

    // Regression: Spring Boot's actuator registers http.server.requests on its own registry, a member
    // of the global one, where a search of the global composite does not look: no request rate.
    @Test
    void timersRegisteredOnAMemberRegistryAreFound() {
        MicrometerSignal signal = new MicrometerSignal(clock, meter, () -> List.of(getClass().getClassLoader()));
        Timer direct = Timer.builder(meter).tag("status", "200").register(registry); // not through the global one
        LongTaskTimer active = LongTaskTimer.builder(meter + ".active").register(registry);
        assertThat(Metrics.globalRegistry.find(meter).timers()).isEmpty();
        sample(signal);
        for (int i = 0; i < 10; i++) {
            direct.record(100, TimeUnit.MILLISECONDS);
        }
        LongTaskTimer.Sample inFlight = active.start();
        clock.advance(Duration.ofSeconds(1));
        Map<String, Double> s = sample(signal);
        assertThat(s.get(Signals.REQUESTS_PER_SECOND)).isEqualTo(10.0);
        assertThat(s.get(Signals.CONCURRENCY)).isCloseTo(1.0, within(1e-9));
        assertThat(s.get(Signals.IN_FLIGHT)).isEqualTo(1.0);
        inFlight.stop();
    }

    @Test
    void everythingIsNaNWithoutMicrometer() {
        ClassLoader bare = new ClassLoader(null) {};
        MicrometerSignal signal = new MicrometerSignal(clock, meter, () -> List.of(bare));
        Map<String, Double> s = sample(signal);
        assertThat(s).containsKeys(Signals.REQUESTS_PER_SECOND, Signals.ERRORS_PER_SECOND, Signals.LATENCY_P50_MS,
                Signals.LATENCY_P99_MS, Signals.IN_FLIGHT, Signals.CONCURRENCY);
        assertThat(s.values()).allMatch(v -> v.isNaN());
    }

    @Test
    void findsTheRegistryThroughTheDefaultLoaders() {
        timer("200").record(5, TimeUnit.MILLISECONDS);
        MicrometerSignal signal = new MicrometerSignal(clock, meter);
        sample(signal);
        timer("200").record(5, TimeUnit.MILLISECONDS);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sample(signal).get(Signals.REQUESTS_PER_SECOND)).isEqualTo(1.0);
    }
}
