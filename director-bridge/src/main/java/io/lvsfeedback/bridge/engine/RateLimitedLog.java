package io.lvsfeedback.bridge.engine;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs a repeated failure once per period per key, with how many were suppressed in between, so a
 * dead agent or a broken netlink socket does not flood the log every second.
 */
final class RateLimitedLog {
    private final Logger log;
    private final long periodMillis;
    private final ClockSource clock;
    private final Map<Object, long[]> last = new HashMap<>(); // key -> {time, suppressed}

    RateLimitedLog(Logger log, long periodMillis, ClockSource clock) {
        this.log = log;
        this.periodMillis = periodMillis;
        this.clock = clock;
    }

    /** {@code key} names the failure: any value with equals and hashCode (a string, a typed key). */
    synchronized void warn(Object key, String message) {
        long now = clock.millis();
        long[] entry = last.get(key);
        if (entry != null && now - entry[0] < periodMillis) {
            entry[1]++;
            return;
        }
        long suppressed = entry == null ? 0 : entry[1];
        last.put(key, new long[] {now, 0});
        log.warn(suppressed == 0 ? message : message + " (" + suppressed + " similar messages suppressed)");
    }

    /** The failure is over: the next one is logged at once. */
    synchronized void clear(Object key) {
        last.remove(key);
    }
}
