package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lvsfeedback.agent.testing.FakeClock;
import io.lvsfeedback.model.protocol.Signals;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** StatisticsHandler MBeans as Jetty 12 (nanoseconds) and Jetty 9.4-11 (milliseconds) name them. */
class JettyStatisticsSignalTest {
    private final FakeClock clock = new FakeClock();
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final JettyStatisticsSignal signal = new JettyStatisticsSignal(clock, server);

    public interface Jetty12MBean {
        int getRequestTotal();

        long getRequestTimeTotal();

        int getResponses5xx();

        int getRequestsActive();
    }

    public static final class Jetty12 implements Jetty12MBean {
        volatile int requests;
        volatile long nanos;

        @Override
        public int getRequestTotal() {
            return requests;
        }

        @Override
        public long getRequestTimeTotal() {
            return nanos;
        }

        @Override
        public int getResponses5xx() {
            return requests / 10;
        }

        @Override
        public int getRequestsActive() {
            return 3;
        }
    }

    public interface Jetty10MBean {
        int getRequests();

        long getRequestTimeTotal();
    }

    public static final class Jetty10 implements Jetty10MBean {
        volatile int requests;
        volatile long millis;

        @Override
        public int getRequests() {
            return requests;
        }

        @Override
        public long getRequestTimeTotal() {
            return millis;
        }
    }

    private Map<String, Double> sample() {
        Map<String, Double> out = new HashMap<>();
        signal.sample(out);
        return out;
    }

    @Test
    void jetty12CountsNanosecondsOlderJettyMilliseconds() throws Exception {
        Jetty12 j12 = new Jetty12();
        Jetty10 j10 = new Jetty10();
        server.registerMBean(j12, new ObjectName("org.eclipse.jetty.server.handler:type=statisticshandler,id=0"));
        server.registerMBean(j10, new ObjectName("org.eclipse.jetty.server.handler:type=statisticshandler,id=1"));
        assertThat(sample().get(Signals.IN_FLIGHT)).isEqualTo(3.0);
        j12.requests = 100;
        j12.nanos = 2_000_000_000L; // 100 requests of 20 ms
        j10.requests = 100;
        j10.millis = 2_000;
        clock.advance(Duration.ofSeconds(2));
        Map<String, Double> s = sample();
        assertThat(s.get(Signals.REQUESTS_PER_SECOND)).isCloseTo(100, within(1e-9));
        assertThat(s.get(Signals.ERRORS_PER_SECOND)).isCloseTo(5, within(1e-9));
        assertThat(s.get(Signals.CONCURRENCY)).isCloseTo(2.0, within(1e-9));
    }
}
