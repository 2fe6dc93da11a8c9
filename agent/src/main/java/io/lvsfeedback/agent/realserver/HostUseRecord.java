package io.lvsfeedback.agent.realserver;

import io.lvsfeedback.model.file.BoundedFile;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The {@link SharedUse} record as files in a directory per network namespace, e.g.
 * {@code /run/lvs-feedback/net-4026532287/}:
 * <ul>
 * <li>{@code user-<vip>.<pid>}: one per VIP a live agent JVM uses, locked by that JVM for its
 * life. The lock is an fcntl lock (what {@link FileChannel#lock} takes on Linux), so it dies
 * with the process: a file nobody holds is a user that crashed, and does not count.</li>
 * <li>{@code added-<vip>}: an agent added the VIP (else it was the operator's: never removed).</li>
 * <li>{@code original-<sysctl>}: the value the first agent replaced, for the last one to put back.</li>
 * <li>{@code .lock}: held while joining, configuring or undoing, so these never interleave.</li>
 * </ul>
 * Thread-safe (fcntl locks belong to the process, so threads of this JVM take turns here).
 */
final class HostUseRecord implements SharedUse {
    /** A sysctl value as the record keeps it: a few digits and a newline. */
    private static final int ORIGINAL_MAX_BYTES = 32;

    /** How long to wait for another agent's join or undo; then go on without the lock rather than hang. */
    private static final long LOCK_WAIT_MILLIS = 10_000;
    private static final Pattern ORIGINAL_VALUE = Pattern.compile("-?[0-9]{1,10}");

    private final Path dir;
    private final long pid;
    private final Map<InetAddress, FileChannel> held = new HashMap<>();

    HostUseRecord(Path namespaceDir, long pid) {
        this.dir = namespaceDir;
        this.pid = pid;
    }

    /**
     * Opens the record of the calling thread's network namespace under {@code sharedDir},
     * creating directories as needed; the exception says what to do when it cannot.
     */
    static HostUseRecord open(Path sharedDir, long pid) throws EnvironmentException {
        return open(sharedDir, namespaceKey(), pid);
    }

    static HostUseRecord open(Path sharedDir, String namespaceKey, long pid) throws EnvironmentException {
        Path dir = sharedDir.resolve(namespaceKey);
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe", "");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            String why = e instanceof AccessDeniedException ? "permission denied" : e.toString();
            throw new EnvironmentException("cannot write the record of agents sharing this host's VIPs in " + dir
                    + " (" + why + "): each agent JVM acts as if it were alone, so the first to stop removes "
                    + "VIPs and restores sysctls that other agent JVMs of this namespace still use. Fix: "
                    + "mkdir -p " + sharedDir + " and make it writable by the application's user, or set shared-dir="
                    + "a writable directory on a tmpfs (the same one for every agent of the host)");
        }
        return new HostUseRecord(dir, pid);
    }

    /** {@code net-<inode>} of this thread's network namespace (the inode tells namespaces apart host-wide). */
    static String namespaceKey() throws EnvironmentException {
        for (String link : new String[] {"/proc/thread-self/ns/net", "/proc/self/ns/net"}) {
            try {
                String target = Files.readSymbolicLink(Paths.get(link)).toString(); // net:[4026531992]
                String inode = target.replaceAll("[^0-9]", "");
                if (!inode.isEmpty()) {
                    return "net-" + inode;
                }
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // try the next one
            }
        }
        throw new EnvironmentException("cannot tell which network namespace this is (/proc/self/ns/net unreadable)");
    }

    Path directory() {
        return dir;
    }

    @Override
    public synchronized <T, E extends Exception> T exclusively(Step<T, E> step) throws E {
        FileChannel channel = null;
        FileLock lock = null;
        try {
            channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = waitForLock(channel);
        } catch (IOException e) {
            // Without the lock the steps still work, they may only interleave with another agent's.
        }
        try {
            return step.run();
        } finally {
            closeQuietly(lock, channel);
        }
    }

    private static FileLock waitForLock(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOCK_WAIT_MILLIS);
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null || System.nanoTime() > deadline) {
                return lock;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /**
     * The first live user of the namespace forgets what earlier, dead users recorded: that state is
     * left as it is (as before the record existed), because a namespace that died with all its
     * agents may have passed its inode on to a new one, where those notes would be wrong.
     */
    @Override
    public synchronized void join(Iterable<InetAddress> vips) {
        if (held.isEmpty() && otherUsers() == 0) {
            list("added-").forEach(HostUseRecord::deleteQuietly);
            list("original-").forEach(HostUseRecord::deleteQuietly);
        }
        for (InetAddress vip : vips) {
            if (held.containsKey(vip)) {
                continue;
            }
            try {
                FileChannel channel = FileChannel.open(userFile(vip, pid), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                if (channel.tryLock() == null) {
                    channel.close(); // cannot happen for our own pid; a use we cannot prove is not recorded
                    continue;
                }
                held.put(vip, channel);
            } catch (IOException | OverlappingFileLockException e) {
                // Unrecorded: this JVM may then see the VIP removed by another agent's stop (logged by the caller's checks).
            }
        }
    }

    @Override
    public synchronized int otherUsers(InetAddress vip) {
        return liveOthers(userPrefix(vip));
    }

    @Override
    public synchronized int otherUsers() {
        return liveOthers("user-");
    }

    /** Counts files of live users other than this JVM; files of dead users are removed on the way. */
    private int liveOthers(String prefix) {
        int live = 0;
        for (Path file : list(prefix)) {
            String name = file.getFileName().toString();
            if (name.endsWith("." + pid) && isOurs(file)) {
                continue;
            }
            if (holderAlive(file)) {
                live++;
            } else {
                deleteQuietly(file);
            }
        }
        return live;
    }

    private boolean isOurs(Path file) {
        return held.keySet().stream().anyMatch(vip -> userFile(vip, pid).equals(file));
    }

    /** Another process holds the file's lock; a file we cannot open or lock at all counts as live (the safe side). */
    private static boolean holderAlive(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | OverlappingFileLockException e) {
            return true;
        }
    }

    @Override
    public synchronized void markAdded(InetAddress vip) {
        write(dir.resolve("added-" + Addresses.format(vip)), "");
    }

    @Override
    public synchronized boolean addedByAnAgent(InetAddress vip) {
        return Files.exists(dir.resolve("added-" + Addresses.format(vip)));
    }

    @Override
    public synchronized void forgetAdded(InetAddress vip) {
        deleteQuietly(dir.resolve("added-" + Addresses.format(vip)));
    }

    @Override
    public synchronized void rememberOriginal(SysctlKey key, String value) {
        Path file = originalFile(key);
        if (!Files.exists(file) && ORIGINAL_VALUE.matcher(value).matches()) {
            write(file, value);
        }
    }

    /** Only a plain number is taken back: whatever else is in the file is not written to the kernel. */
    @Override
    public synchronized Optional<String> original(SysctlKey key) {
        try {
            // Bounded and regular files only: a planted FIFO, /dev/zero link or huge file must not hang or fill the heap.
            byte[] bytes = BoundedFile.read(originalFile(key), ORIGINAL_MAX_BYTES);
            String value = new String(bytes, StandardCharsets.US_ASCII).trim();
            return ORIGINAL_VALUE.matcher(value).matches() ? Optional.of(value) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void forgetOriginal(SysctlKey key) {
        deleteQuietly(originalFile(key));
    }

    @Override
    public String problem() {
        return "";
    }

    /** Releases this JVM's locks and deletes its user files: it no longer counts. */
    @Override
    public synchronized void close() {
        for (Map.Entry<InetAddress, FileChannel> e : held.entrySet()) {
            deleteQuietly(userFile(e.getKey(), pid));
            closeQuietly(null, e.getValue());
        }
        held.clear();
    }

    /** What {@code kill -9} does to this JVM's use, for tests: the locks go, the files stay. */
    synchronized void dropLocksAsACrashWould() {
        held.values().forEach(channel -> closeQuietly(null, channel));
        held.clear();
    }

    private Path userFile(InetAddress vip, long owner) {
        return dir.resolve(userPrefix(vip) + owner);
    }

    private static String userPrefix(InetAddress vip) {
        return "user-" + Addresses.format(vip) + ".";
    }

    private Path originalFile(SysctlKey key) {
        return dir.resolve("original-" + key.name().replace('/', '%'));
    }

    private List<Path> list(String prefix) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, prefix + "*")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            // An unreadable record counts no one.
        }
        return files;
    }

    private static void write(Path file, String text) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), ".new", "");
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.write(tmp, text.getBytes(StandardCharsets.US_ASCII));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            // Not recorded: the last agent then cannot put it back, as before the record existed.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left behind: it counts as a dead user next time, nothing more
        }
    }

    private static void closeQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing releases the lock in any case
        }
    }
}
