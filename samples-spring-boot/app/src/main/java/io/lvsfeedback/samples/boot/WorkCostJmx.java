package io.lvsfeedback.samples.boot;

import io.lvsfeedback.samples.app.WorkCost;
import io.lvsfeedback.samples.app.WorkCostMXBean;
import io.lvsfeedback.samples.app.WorkCostSetting;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The work cost, shared by the endpoints and JMX: registered in the platform MBeanServer under the
 * Jetty sample's name ({@value WorkCostMXBean#OBJECT_NAME}), so samples/jmxterm's {@code app-cost}
 * and {@code app-reset} work on this server unchanged. Spring's own JMX export stays off (Boot's
 * default); a registration failure is a warning, not a failed start.
 */
@Configuration(proxyBeanMethods = false)
public class WorkCostJmx {

    private static final Logger LOG = LoggerFactory.getLogger(WorkCostJmx.class);

    @Bean
    public WorkCostSetting workCost() {
        return new WorkCostSetting(WorkCost.NONE);
    }

    @Bean
    public Registration workCostRegistration(WorkCostSetting cost) {
        return new Registration(ManagementFactory.getPlatformMBeanServer(), cost);
    }

    /** The MXBean's registration, undone when the context closes ({@link #close()} is Spring's inferred destroy method). */
    public static final class Registration implements AutoCloseable {
        private final MBeanServer mbeans;
        private final ObjectName name;
        private boolean registered;

        Registration(MBeanServer mbeans, WorkCostSetting cost) {
            this.mbeans = mbeans;
            try {
                this.name = new ObjectName(WorkCostMXBean.OBJECT_NAME);
            } catch (JMException e) {
                throw new IllegalStateException(e);
            }
            try {
                if (mbeans.isRegistered(name)) {
                    LOG.warn("{} is already registered; this application's cost is not visible over JMX", name);
                    return;
                }
                mbeans.registerMBean(cost, name);
                registered = true;
            } catch (JMException e) {
                LOG.warn("could not register {}: {}", name, e.toString());
            }
        }

        @Override
        public void close() {
            if (registered) {
                try {
                    mbeans.unregisterMBean(name);
                } catch (JMException e) {
                    LOG.warn("could not unregister {}: {}", name, e.toString());
                }
                registered = false;
            }
        }
    }
}
