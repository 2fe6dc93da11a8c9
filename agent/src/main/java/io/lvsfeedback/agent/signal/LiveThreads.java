package io.lvsfeedback.agent.signal;

import java.util.Arrays;
import java.util.List;

/** Every live thread of the JVM, from the root thread group: how signals find a server's or a launcher's threads. */
final class LiveThreads {
    /** Threads may start between counting and listing: room for a few more. */
    private static final int SLACK = 16;

    private LiveThreads() {
    }

    static List<Thread> all() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + SLACK];
        int n = root.enumerate(threads, true);
        return Arrays.asList(threads).subList(0, n);
    }
}
