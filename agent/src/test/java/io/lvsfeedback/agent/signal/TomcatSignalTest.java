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

/** Reads Tomcat's request-processor and thread-pool MBeans under the names Tomcat registers. */
class TomcatSignalTest {
    private final FakeClock clock = new FakeClock();
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final TomcatSignal signal = new TomcatSignal(clock, server);

    public interface GlobalRequestProcessorMBean {
        int getRequestCount();

        int getErrorCount();

        long getProcessingTime();
    }

    public static final class GlobalRequestProcessor implements GlobalRequestProcessorMBean {
        volatile int requests;
        volatile int errors;
        volatile long millis;

        @Override
        public int getRequestCount() {
            return requests;
        }

        @Override
        public int getErrorCount() {
            return errors;
        }

        @Override
        public long getProcessingTime() {
            return millis;
        }
    }

    public interface ThreadPoolMBean {
        int getCurrentThreadsBusy();

        int getMaxThreads();
    }

    public static final class ThreadPool implements ThreadPoolMBean {
        final int busy;
        final int max;

        ThreadPool(int busy, int max) {
            this.busy = busy;
            this.max = max;
        }

        @Override
        public int getCurrentThreadsBusy() {
            return busy;
        }

        @Override
        public int getMaxThreads() {
            return max;
        }
    }

    public interface ExecutorMBean {
        int getActiveCount();

        int getMaxThreads();

        int getQueueSize();
    }

    public static final class Executor implements ExecutorMBean {
        @Override
        public int getActiveCount() {
            return 7;
        }

        @Override
        public int getMaxThreads() {
            return 150;
        }

        @Override
        public int getQueueSize() {
            return 2;
        }
    }

    private Map<String, Double> sample() {
        Map<String, Double> out = new HashMap<>();
        signal.sample(out);
        return out;
    }

    @Test
    void ratesAndLittlesLawConcurrencySummedOverConnectors() throws Exception {
        GlobalRequestProcessor http = new GlobalRequestProcessor();
        GlobalRequestProcessor ajp = new GlobalRequestProcessor();
        server.registerMBean(http, new ObjectName("Tomcat:type=GlobalRequestProcessor,name=\"http-nio-8080\""));
        server.registerMBean(ajp, new ObjectName("Catalina:type=GlobalRequestProcessor,name=\"ajp-nio-8009\""));
        assertThat(sample().get(Signals.REQUESTS_PER_SECOND)).isNaN(); // a rate needs two samples

        http.requests = 150;
        http.errors = 10;
        http.millis = 3_000; // 150 requests of 20 ms
        ajp.requests = 50;
        ajp.millis = 1_000;
        clock.advance(Duration.ofSeconds(2));
        Map<String, Double> s = sample();
        assertThat(s.get(Signals.REQUESTS_PER_SECOND)).isCloseTo(100, within(1e-9));
        assertThat(s.get(Signals.ERRORS_PER_SECOND)).isCloseTo(5, within(1e-9));
        // Little's law: 4 s spent in requests over 2 s = 2 requests in service on average
        assertThat(s.get(Signals.CONCURRENCY)).isCloseTo(2.0, within(1e-9));
    }

    // Regression guard: a restarted connector (counters back at 0) must not read as negative traffic.
    @Test
    void aCounterThatWentBackwardsGivesNoRateForOneSample() throws Exception {
        GlobalRequestProcessor http = new GlobalRequestProcessor();
        server.registerMBean(http, new ObjectName("Tomcat:type=GlobalRequestProcessor,name=\"http-nio-8080\""));
        http.requests = 1000;
        sample();
        http.requests = 10;
        clock.advance(Duration.ofSeconds(1));
        assertThat(sample().get(Signals.REQUESTS_PER_SECOND)).isNaN();
        http.requests = 20;
        clock.advance(Duration.ofSeconds(1));
        assertThat(sample().get(Signals.REQUESTS_PER_SECOND)).isEqualTo(10.0);
    }

    @Test
    void poolFromTheConnectorsOwnExecutorSocketPropertiesIgnored() throws Exception {
        server.registerMBean(new ThreadPool(3, 200), new ObjectName("Tomcat:type=ThreadPool,name=\"http-nio-8080\""));
        server.registerMBean(new ThreadPool(99, 99),
                new ObjectName("Tomcat:type=ThreadPool,name=\"http-nio-8080\",subType=SocketProperties"));
        Map<String, Double> s = sample();
        assertThat(s.get(Signals.POOL_BUSY)).isEqualTo(3.0);
        assertThat(s.get(Signals.POOL_MAX)).isEqualTo(200.0);
        assertThat(s.get(Signals.POOL_QUEUE)).isNaN();
    }

    @Test
    void aSharedExecutorIsReadFromItsOwnMBean() throws Exception {
        server.registerMBean(new ThreadPool(0, -1), new ObjectName("Catalina:type=ThreadPool,name=\"http-nio-8080\""));
        server.registerMBean(new Executor(), new ObjectName("Catalina:type=Executor,name=tomcatThreadPool"));
        Map<String, Double> s = sample();
        assertThat(s.get(Signals.POOL_BUSY)).isEqualTo(7.0);
        assertThat(s.get(Signals.POOL_MAX)).isEqualTo(150.0);
        assertThat(s.get(Signals.POOL_QUEUE)).isEqualTo(2.0);
    }

    @Test
    void nanWithoutTomcat() throws Exception {
        server.registerMBean(new Executor(), new ObjectName("other:type=Something,name=x"));
        sample();
        clock.advance(Duration.ofSeconds(1));
        Map<String, Double> s = sample();
        assertThat(s).containsKeys(Signals.REQUESTS_PER_SECOND, Signals.POOL_MAX);
        assertThat(s.values()).allMatch(v -> v.isNaN());
    }
}
