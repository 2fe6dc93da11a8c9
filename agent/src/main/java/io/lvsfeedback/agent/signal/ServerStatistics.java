package io.lvsfeedback.agent.signal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * System properties that make servers publish the statistics the agent reads, set in premain,
 * before the application's main method runs, and only where the application (or the command line)
 * has not set them: a JVM flag the operator would otherwise have to add, never a change to the
 * application. Agent setting {@code server-stats=off} leaves them all alone.
 *
 * <ul>
 *   <li>{@code server.tomcat.mbeanregistry.enabled=true}: Spring Boot (which reads system properties
 *       as configuration, above its application.properties) then registers embedded Tomcat's MBeans,
 *       off by default since Boot 2.2; costs a few hundred kB of heap and a few ms of start-up;
 *   <li>{@code jboss.threads.eqe.statistics.active-count=true} and
 *       {@code jboss.threads.eqe.statistics=true}: jboss-threads' executor, the XNIO worker of
 *       Undertow, counts busy threads and completed tasks (an atomic add per task).
 * </ul>
 */
public final class ServerStatistics {
    static final Map<String, String> PROPERTIES;

    static {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.tomcat.mbeanregistry.enabled", "true");
        p.put("jboss.threads.eqe.statistics.active-count", "true");
        p.put("jboss.threads.eqe.statistics", "true");
        PROPERTIES = Collections.unmodifiableMap(p);
    }

    private static volatile List<String> set = List.of();
    private static volatile List<String> kept = List.of();

    private ServerStatistics() {}

    /**
     * Sets each property that is not set yet. Called from premain (no logging there: the first log
     * record sets JUL up, which must not delay the application); {@link #describe()} says later
     * what was done. Never throws (a security manager may forbid it).
     */
    public static void enable() {
        List<String> done = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (Map.Entry<String, String> e : PROPERTIES.entrySet()) {
            try {
                String current = System.getProperty(e.getKey());
                if (current == null) {
                    System.setProperty(e.getKey(), e.getValue());
                    done.add(e.getKey() + "=" + e.getValue());
                } else {
                    left.add(e.getKey() + "=" + current);
                }
            } catch (RuntimeException ex) {
                left.add(e.getKey() + " (" + ex + ")");
            }
        }
        set = List.copyOf(done);
        kept = List.copyOf(left);
    }

    /** What {@link #enable()} set and left alone, for the agent's log; empty when it did not run. */
    public static String describe() {
        if (set.isEmpty() && kept.isEmpty()) {
            return "";
        }
        return "server statistics: set " + (set.isEmpty() ? "nothing" : String.join(", ", set))
                + (kept.isEmpty() ? "" : "; already set: " + String.join(", ", kept))
                + " (agent setting server-stats=off leaves them alone)";
    }
}
