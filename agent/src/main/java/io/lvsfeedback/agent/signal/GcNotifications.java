package io.lvsfeedback.agent.signal;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/** Subscribes to every collector's GC notifications; closing removes each listener again. */
final class GcNotifications implements AutoCloseable {
    private final List<Runnable> removers = new ArrayList<>();

    GcNotifications(Consumer<GarbageCollectionNotificationInfo> consumer) {
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                consumer.accept(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter) {
                NotificationEmitter emitter = (NotificationEmitter) gc;
                emitter.addNotificationListener(listener, null, null);
                removers.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
    }

    /**
     * Concurrent collectors (ZGC, Shenandoah, G1's concurrent cycle) report whole cycles, not
     * pauses; counting them as pauses would make a healthy JVM look GC-bound.
     */
    static boolean isConcurrentCycle(GarbageCollectionNotificationInfo info) {
        return "No GC".equals(info.getGcCause()) || info.getGcName().endsWith("Cycles")
                || info.getGcName().equals("G1 Concurrent GC");
    }

    @Override
    public void close() {
        removers.forEach(Runnable::run);
        removers.clear();
    }
}
