package io.lvsfeedback.agent.signal;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.lvsfeedback.model.protocol.Signals;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Use of the long-lived heap (old generation, or the whole heap for single-generation collectors)
 * right after the last GC, 0..1. Live data after GC, not current use, shows memory pressure: the
 * current use of a healthy heap swings between empty and full.
 */
public final class HeapAfterGcSignal implements LoadSignal {
    private final Set<String> longLivedPools = new HashSet<>();
    private final GcNotifications subscription;
    private volatile double lastShare = Double.NaN;

    public HeapAfterGcSignal() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && isLongLived(pool.getName())) {
                longLivedPools.add(pool.getName());
            }
        }
        this.subscription = longLivedPools.isEmpty() ? null : new GcNotifications(this::onGc);
    }

    static boolean isLongLived(String poolName) {
        String n = poolName.toLowerCase(Locale.ROOT);
        return n.contains("old") || n.contains("tenured") || n.equals("zheap") || n.equals("shenandoah")
                || n.equals("java heap"); // Epsilon and some single-space heaps
    }

    private void onGc(GarbageCollectionNotificationInfo info) {
        long used = 0;
        long max = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (longLivedPools.contains(e.getKey())) {
                MemoryUsage u = e.getValue();
                used += u.getUsed();
                max += u.getMax() > 0 ? u.getMax() : u.getCommitted();
            }
        }
        if (max > 0) {
            lastShare = Math.min(1.0, (double) used / max);
        }
    }

    @Override
    public void sample(Map<String, Double> out) {
        out.put(Signals.HEAP_AFTER_GC, lastShare);
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
