package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.agent.testing.FakeClock;
import io.lvsfeedback.model.protocol.Signals;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Reads XNIO worker and jboss-threads executor MBeans under the names XNIO 3.8 registers. */
class UndertowSignalTest {
    private final FakeClock clock = new FakeClock();
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final UndertowSignal signal = new UndertowSignal(clock, server);

    public interface WorkerMXBean {
        int getBusyWorkerThreadCount();

        int getMaxWorkerPoolSize();

        int getWorkerQueueSize();
    }

    public static final class Worker implements WorkerMXBean {
        final int busy;

        Worker(int busy) {
            this.busy = busy;
        }

        @Override
        public int getBusyWorkerThreadCount() {
            return busy;
        }

        @Override
        public int getMaxWorkerPoolSize() {
            return 64;
        }

        @Override
        public int getWorkerQueueSize() {
            return 1;
        }
    }

    public interface PoolMXBean {
        long getCompletedTaskCount();
    }

    public static final class Pool implements PoolMXBean {
        volatile long completed;

        @Override
        public long getCompletedTaskCount() {
            return completed;
        }
    }

    private Map<String, Double> sample() {
        Map<String, Double> out = new HashMap<>();
        signal.sample(out);
        return out;
    }

    @Test
    void workerPoolAndCompletedTasksOfTheSameWorker() throws Exception {
        server.registerMBean(new Worker(5), new ObjectName("org.xnio:type=Xnio,provider=\"nio\",worker=\"XNIO-1\""));
        server.registerMBean(new Worker(99),
                new ObjectName("org.xnio:type=Xnio,provider=\"nio\",worker=\"XNIO-1\",address=\"/127.0.0.1:8080\""));
        Pool tasks = new Pool();
        Pool other = new Pool();
        server.registerMBean(tasks, new ObjectName("jboss.threads:type=thread-pool,name=\"XNIO-1\""));
        server.registerMBean(other, new ObjectName("jboss.threads:type=thread-pool,name=\"someone-else\""));
        Map<String, Double> s = sample();
        assertThat(s.get(Signals.POOL_BUSY)).isEqualTo(5.0);
        assertThat(s.get(Signals.POOL_MAX)).isEqualTo(64.0);
        assertThat(s.get(Signals.POOL_QUEUE)).isEqualTo(1.0);
        assertThat(s.get(Signals.REQUESTS_PER_SECOND)).isNaN();

        tasks.completed = 300;
        other.completed = 1_000_000;
        clock.advance(Duration.ofSeconds(3));
        assertThat(sample().get(Signals.REQUESTS_PER_SECOND)).isEqualTo(100.0);
    }

    @Test
    void busyCountOfMinusOneMeansStatisticsOffUnknown() throws Exception {
        server.registerMBean(new Worker(-1), new ObjectName("org.xnio:type=Xnio,provider=\"nio\",worker=\"XNIO-1\""));
        Map<String, Double> s = sample();
        assertThat(s.get(Signals.POOL_BUSY)).isNaN();
        assertThat(s.get(Signals.POOL_MAX)).isNaN();
    }
}
