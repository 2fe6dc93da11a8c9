package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.Signals;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.awaitility.Awaitility;
import org.eclipse.jetty.jmx.MBeanContainer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

/** Reads thread-pool MBeans under the names and attributes Jetty's MBeanContainer uses. */
class JettyPoolSignalTest {

    public interface PoolMBean {
        int getBusyThreads();

        int getMaxThreads();

        int getQueueSize();
    }

    public static final class Pool implements PoolMBean {
        private final int busy;
        private final int max;
        private final int queue;

        Pool(int busy, int max, int queue) {
            this.busy = busy;
            this.max = max;
            this.queue = queue;
        }

        @Override
        public int getBusyThreads() {
            return busy;
        }

        @Override
        public int getMaxThreads() {
            return max;
        }

        @Override
        public int getQueueSize() {
            return queue;
        }
    }

    /** A Jetty 12 pool: also the leased-thread accounting. */
    public interface Jetty12PoolMBean extends PoolMBean {
        int getUtilizedThreads();

        int getMaxAvailableThreads();
    }

    public static final class Jetty12Pool implements Jetty12PoolMBean {
        private final int utilized;
        private final int leased;
        private final int max;

        Jetty12Pool(int utilized, int leased, int max) {
            this.utilized = utilized;
            this.leased = leased;
            this.max = max;
        }

        @Override
        public int getBusyThreads() {
            return utilized + leased;
        }

        @Override
        public int getMaxThreads() {
            return max;
        }

        @Override
        public int getQueueSize() {
            return 0;
        }

        @Override
        public int getUtilizedThreads() {
            return utilized;
        }

        @Override
        public int getMaxAvailableThreads() {
            return max - leased;
        }
    }

    /** A 9.4 pool between the two: counts leased threads, does not subtract them. */
    public interface Jetty94PoolMBean extends PoolMBean {
        int getLeasedThreads();
    }

    public static final class Jetty94Pool implements Jetty94PoolMBean {
        @Override
        public int getBusyThreads() {
            return 5;
        }

        @Override
        public int getMaxThreads() {
            return 200;
        }

        @Override
        public int getQueueSize() {
            return 0;
        }

        @Override
        public int getLeasedThreads() {
            return 3;
        }
    }

    private static Map<String, Double> sample(MBeanServer server) {
        Map<String, Double> out = new HashMap<>();
        new JettyPoolSignal(server).sample(out);
        return out;
    }

    @Test
    void sumsAllQueuedThreadPools() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        server.registerMBean(new Pool(3, 200, 1), new ObjectName("org.eclipse.jetty.util.thread:type=queuedthreadpool,id=0"));
        server.registerMBean(new Pool(2, 50, 0), new ObjectName("org.eclipse.jetty.util.thread:type=queuedthreadpool,id=1"));
        server.registerMBean(new Pool(99, 99, 99), new ObjectName("other:type=queuedthreadpool,id=0"));
        Map<String, Double> s = sample(server);
        assertThat(s.get(Signals.POOL_BUSY)).isEqualTo(5.0);
        assertThat(s.get(Signals.POOL_MAX)).isEqualTo(250.0);
        assertThat(s.get(Signals.POOL_QUEUE)).isEqualTo(1.0);
    }

    @Test
    void nanWithoutJetty() {
        Map<String, Double> s = sample(MBeanServerFactory.newMBeanServer());
        assertThat(s.get(Signals.POOL_BUSY)).isNaN();
        assertThat(s.get(Signals.POOL_MAX)).isNaN();
    }

    // Regression: busyThreads counted the selector/acceptor threads, so capacity rose with traffic.
    @Test
    void leasedThreadsDoNotCountWhenThePoolTellsThemApart() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        server.registerMBean(new Jetty12Pool(1, 3, 200), new ObjectName("org.eclipse.jetty.util.thread:type=queuedthreadpool,id=0"));
        Map<String, Double> s = sample(server);
        assertThat(s.get(Signals.POOL_BUSY)).isEqualTo(1.0);
        assertThat(s.get(Signals.POOL_MAX)).isEqualTo(197.0);
    }

    @Test
    void olderJettyFallsBackToBusyAndMaxThreads() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        server.registerMBean(new Pool(4, 200, 0), new ObjectName("org.eclipse.jetty.util.thread:type=queuedthreadpool,id=0"));
        server.registerMBean(new Jetty12Pool(1, 3, 100), new ObjectName("org.eclipse.jetty.util.thread:type=queuedthreadpool,id=1"));
        Map<String, Double> s = sample(server);
        assertThat(s.get(Signals.POOL_BUSY)).isEqualTo(4.0 + 1.0);
        assertThat(s.get(Signals.POOL_MAX)).isEqualTo(200.0 + 97.0);
    }

    @Test
    void aPoolThatOnlyCountsLeasedThreadsHasThemSubtracted() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        server.registerMBean(new Jetty94Pool(), new ObjectName("org.eclipse.jetty.util.thread:type=queuedthreadpool,id=0"));
        Map<String, Double> s = sample(server);
        assertThat(s.get(Signals.POOL_BUSY)).isEqualTo(2.0);
        assertThat(s.get(Signals.POOL_MAX)).isEqualTo(197.0);
    }

    @Test
    void anIdleRealJettyServerUsesNoThreadsForRequests() throws Exception {
        MBeanServer mbeans = MBeanServerFactory.newMBeanServer();
        QueuedThreadPool pool = new QueuedThreadPool(50);
        Server jetty = new Server(pool);
        ServerConnector connector = new ServerConnector(jetty, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.addBean(new MBeanContainer(mbeans));
        jetty.start();
        try {
            // The acceptor and the selector hold leased threads for as long as the server runs.
            assertThat(pool.getBusyThreads()).isGreaterThanOrEqualTo(2);
            assertThat(pool.getLeasedThreads()).isGreaterThanOrEqualTo(2);
            // Start-up jobs may still be finishing: wait for them, not for the leased threads.
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(sample(mbeans).get(Signals.POOL_BUSY)).isEqualTo(0.0));
            Map<String, Double> s = sample(mbeans);
            assertThat(s.get(Signals.POOL_MAX)).isEqualTo((double) (50 - pool.getLeasedThreads()));
        } finally {
            jetty.stop();
        }
    }
}
