package io.lvsfeedback.testfixtures;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jnr.ffi.LibraryLoader;

/**
 * A throwaway network namespace ({@link NetworkNamespace}, deleted on close) and a dedicated thread
 * that joined it with setns(2): sockets opened on that thread (a netlink client's, a server's
 * listening socket) belong to the namespace, so the code under test runs there without a child JVM.
 * Needs jnr-ffi on the class path (an optional dependency of this module).
 */
public final class JoinedNamespace implements AutoCloseable {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;

    /** setns(2) and open(2), which only the tests need. */
    public interface NamespaceCalls {
        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);
    }

    private final NetworkNamespace shared;
    private final String name;
    private final ExecutorService thread;

    private JoinedNamespace(NetworkNamespace shared) {
        this.shared = shared;
        this.name = shared.name();
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "netns-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates a namespace with a unique name and moves a fresh thread into it. */
    public static JoinedNamespace create(String prefix) {
        JoinedNamespace namespace = new JoinedNamespace(NetworkNamespace.create(prefix));
        String name = namespace.name;
        try {
            namespace.call(() -> {
                NamespaceCalls calls = LibraryLoader.create(NamespaceCalls.class).load("c");
                int fd = calls.open("/var/run/netns/" + name, O_RDONLY | O_CLOEXEC);
                if (fd < 0) {
                    throw new IllegalStateException("cannot open /var/run/netns/" + name);
                }
                try {
                    if (calls.setns(fd, CLONE_NEWNET) != 0) {
                        throw new IllegalStateException("setns into " + name + " failed");
                    }
                } finally {
                    calls.close(fd);
                }
                return null;
            });
            return namespace;
        } catch (RuntimeException e) {
            namespace.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** Runs {@code ip -n NAME ARGS...} and returns its output. */
    public String ip(String... args) {
        return shared.ip(args);
    }

    /** Runs a command inside the namespace with {@code ip netns exec}. */
    public String exec(String... args) {
        return shared.exec(args);
    }

    /** Runs the task on the thread that lives in the namespace (60 s bound). */
    public <T> T call(Callable<T> task) {
        Future<T> future = thread.submit(task);
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("task in namespace " + name + " did not finish in 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        shared.close();
    }
}
