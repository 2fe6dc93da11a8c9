package io.lvsfeedback.agent.signal;

import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Reads the numbers servers publish as MBeans, through the platform MBean server only (no server
 * class is ever loaded by the agent). Every read that fails, or finds no number, is NaN: a server
 * that went away or lacks an attribute leaves the signal unknown instead of breaking it.
 */
final class MBeanReads {
    private final MBeanServer server;

    MBeanReads(MBeanServer server) {
        this.server = server;
    }

    static ObjectName pattern(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    Set<ObjectName> query(ObjectName pattern) {
        try {
            return server.queryNames(pattern, null);
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    /**
     * The attribute as a number, NaN when absent or not a number. Tries the name as given and with
     * its first letter in the other case: Jetty and Tomcat name attributes {@code busyThreads},
     * standard MBeans and MXBeans {@code BusyThreads}.
     */
    double number(ObjectName name, String attribute) {
        char first = attribute.charAt(0);
        char other = Character.isUpperCase(first) ? Character.toLowerCase(first) : Character.toUpperCase(first);
        for (String a : new String[] {attribute, other + attribute.substring(1)}) {
            try {
                Object v = server.getAttribute(name, a);
                if (v instanceof Number) {
                    return ((Number) v).doubleValue();
                }
            } catch (JMException | RuntimeException e) {
                // the MBean went away or has no such attribute
            }
        }
        return Double.NaN;
    }

    /** {@code sum + v}, where NaN means "none yet" for the sum and "unknown, skip" for v. */
    static double plus(double sum, double v) {
        if (Double.isNaN(v)) {
            return sum;
        }
        return Double.isNaN(sum) ? v : sum + v;
    }
}
