package io.lvsfeedback.agent.realserver;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Private directories for the extracted netlink jars. Each one holds a {@value #LOCK} file that its
 * JVM keeps locked while it lives; the kernel drops the lock when the process dies, however it dies.
 * A JVM killed with SIGKILL cannot run deleteOnExit, so the next one sweeps directories whose
 * lock it can take. (A PID check would not do: PID namespaces may share one /tmp.)
 */
final class ExtractionDirs {
    static final String PREFIX = "lvsfeedback-isolated-";
    static final String LOCK = ".lock";

    private ExtractionDirs() {}

    /** A locked directory of ours; the returned lock must stay reachable for the JVM's lifetime. */
    static Locked create(Path tmpRoot) throws IOException {
        Path dir = Files.createTempDirectory(tmpRoot, PREFIX,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // deleteOnExit runs in reverse order of registration: the files go first, then the directory.
        dir.toFile().deleteOnExit();
        Path pending = dir.resolve(LOCK + ".new");
        FileChannel channel = FileChannel.open(pending, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileLock lock = channel.lock();
        // Locked before it gets the name a sweeper looks at; the lock follows the file through the rename.
        Path lockFile = Files.move(pending, dir.resolve(LOCK), StandardCopyOption.ATOMIC_MOVE);
        lockFile.toFile().deleteOnExit();
        return new Locked(dir, lock);
    }

    /** Deletes the extraction directories under {@code tmpRoot} whose JVM is gone; returns how many. */
    static int sweep(Path tmpRoot, Path keep) {
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmpRoot, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (!dir.equals(keep) && Files.isDirectory(dir) && ownerIsGone(dir) && deleteTree(dir)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Sweeping is housekeeping: never a reason to fail.
        }
        return removed;
    }

    private static boolean ownerIsGone(Path dir) {
        Path lockFile = dir.resolve(LOCK);
        if (!Files.isRegularFile(lockFile)) {
            return false; // Being created right now, or not ours to judge.
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // Held by this very JVM.
        } catch (IOException e) {
            return false; // Another user's, or unreadable: leave it.
        }
    }

    private static boolean deleteTree(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A directory and the lock that marks it as in use. */
    static final class Locked {
        final Path dir;
        final FileLock lock;

        Locked(Path dir, FileLock lock) {
            this.dir = dir;
            this.lock = lock;
        }
    }
}
