package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.Signals;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
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
}
