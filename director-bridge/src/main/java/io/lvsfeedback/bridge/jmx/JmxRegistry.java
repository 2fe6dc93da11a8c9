package io.lvsfeedback.bridge.jmx;

import io.lvsfeedback.bridge.engine.ClockSource;
import io.lvsfeedback.bridge.engine.DestinationState;
import io.lvsfeedback.bridge.engine.EngineListener;
import io.lvsfeedback.bridge.engine.ServiceState;
import io.lvsfeedback.bridge.policy.Decision;
import io.lvsfeedback.model.bridge.DestinationMXBean;
import io.lvsfeedback.model.bridge.ServiceMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one MXBean per service and per destination registered while the engine follows them, and
 * turns cause changes into notifications. A JMX error is a warning, never a failed cycle.
 */
public final class JmxRegistry implements EngineListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JmxRegistry.class);

    private final MBeanServer server;
    private final ClockSource clock;
    private final String bridgeName;
    private final Map<ObjectName, Object> registered = new ConcurrentHashMap<>();
    private final Map<DestinationState, DestinationView> views = new ConcurrentHashMap<>();

    /** @param bridgeName the {@code bridge=} key of every service and destination bean */
    public JmxRegistry(MBeanServer server, ClockSource clock, String bridgeName) {
        this.server = server;
        this.clock = clock;
        this.bridgeName = bridgeName;
    }

    /** Registers a bean under a fixed name, replacing a stale registration of an earlier run. */
    public void register(ObjectName name, Object bean) {
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(bean, name);
            registered.put(name, bean);
        } catch (JMException e) {
            LOG.warn("cannot register MBean {}: {}", name, e.toString());
        }
    }

    private void unregister(ObjectName name) {
        registered.remove(name);
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.warn("cannot unregister MBean {}: {}", name, e.toString());
        }
    }

    /** The ObjectName of a destination: the typed keys meet JMX's text here. */
    ObjectName objectName(DestinationState d) {
        return DestinationMXBean.objectName(bridgeName, d.serviceKey().toString(), d.key().toString());
    }

    private ObjectName objectName(ServiceState s) {
        return ServiceMXBean.objectName(bridgeName, s.key().toString());
    }

    @Override
    public void serviceAdded(ServiceState service) {
        register(objectName(service), new ServiceView(service));
    }

    @Override
    public void serviceRemoved(ServiceState service) {
        unregister(objectName(service));
    }

    @Override
    public void destinationAdded(ServiceState service, DestinationState d) {
        DestinationView v = new DestinationView(d, clock);
        views.put(d, v);
        register(objectName(d), v);
    }

    @Override
    public void destinationRemoved(ServiceState service, DestinationState d) {
        views.remove(d);
        unregister(objectName(d));
    }

    @Override
    public void causeChanged(DestinationState d, Decision.Cause from, Decision decision) {
        DestinationView v = views.get(d);
        if (v == null) {
            return;
        }
        switch (decision.cause()) {
            case STALE:
                if (d.report() != null) { // "no report yet" at start is not news
                    v.send(DestinationMXBean.STALE, d.serviceKey() + " " + d.key() + ": " + decision.reason());
                }
                break;
            case AGENT_ZERO:
            case GUARD:
                v.send(DestinationMXBean.DRAIN, d.serviceKey() + " " + d.key() + ": " + decision.reason());
                break;
            case OVERRIDE:
                v.send(DestinationMXBean.OVERRIDE, d.serviceKey() + " " + d.key() + ": " + decision.reason());
                break;
            default:
                break;
        }
    }

    @Override
    public void close() {
        for (ObjectName name : registered.keySet()) {
            unregister(name);
        }
        views.clear();
    }
}
