package io.lvsfeedback.agent.jmx;

import io.lvsfeedback.agent.util.AgentLog;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers one MBean defensively: a name already taken (a second agent, a leftover) or any JMX
 * error becomes a warning, never a failure of the agent; {@link #close()} unregisters only what
 * this registration added.
 */
public final class MBeanRegistration implements AutoCloseable {
    private static final AgentLog LOG = AgentLog.of(MBeanRegistration.class);
    private final MBeanServer server;
    private final ObjectName name;
    private final boolean registered;

    private MBeanRegistration(MBeanServer server, ObjectName name, boolean registered) {
        this.server = server;
        this.name = name;
        this.registered = registered;
    }

    public static MBeanRegistration register(Object mbean, ObjectName name) {
        return register(ManagementFactory.getPlatformMBeanServer(), mbean, name);
    }

    static MBeanRegistration register(MBeanServer server, Object mbean, ObjectName name) {
        String objectName = String.valueOf(name);
        try {
            if (server.isRegistered(name)) {
                LOG.warn("MBean " + objectName + " is already registered (another agent?); not registering ours");
                return new MBeanRegistration(server, name, false);
            }
            server.registerMBean(mbean, name);
            return new MBeanRegistration(server, name, true);
        } catch (JMException | RuntimeException e) {
            LOG.warn("cannot register MBean " + objectName + ": " + e);
            return new MBeanRegistration(server, name, false);
        }
    }

    public boolean registered() {
        return registered;
    }

    @Override
    public void close() {
        if (!registered) {
            return;
        }
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException | RuntimeException e) {
            LOG.warn("cannot unregister MBean " + name + ": " + e);
        }
    }
}
