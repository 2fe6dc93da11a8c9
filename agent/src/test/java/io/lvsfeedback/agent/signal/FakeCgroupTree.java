package io.lvsfeedback.agent.signal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fake /proc/self/cgroup, /proc/self/mountinfo and cgroup file system in a directory, for
 * {@link CgroupCpu}'s tests: paths are written as the kernel would name them ("/sys/fs/cgroup/x")
 * and land under {@code root}.
 */
final class FakeCgroupTree {
    /** A cgroup2 mount as systemd makes it (with an optional field before the separator). */
    static final String V2_MOUNT = "40 30 0:37 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate";
    /** The cgroup v1 cpu,cpuacct mount of a Debian/Ubuntu v1 host. */
    static final String V1_CPU_MOUNT = "31 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup rw,cpu,cpuacct";

    final Path dir;
    final Path cgroup;
    final Path mountinfo;
    final Path root;

    FakeCgroupTree(Path dir) {
        this.dir = dir;
        this.cgroup = dir.resolve("proc/self/cgroup");
        this.mountinfo = dir.resolve("proc/self/mountinfo");
        this.root = dir.resolve("root");
        try {
            Files.createDirectories(cgroup.getParent());
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** In a fresh temporary directory, for jqwik properties (they have no @TempDir); {@link #delete()} it. */
    static FakeCgroupTree temporary() {
        try {
            return new FakeCgroupTree(Files.createTempDirectory("fakecgroup"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeCgroupTree cgroup(String... lines) {
        return write(cgroup, String.join("\n", lines) + "\n");
    }

    FakeCgroupTree mountinfo(String... lines) {
        return write(mountinfo, String.join("\n", lines) + "\n");
    }

    /** Writes {@code text} to the file the kernel would call {@code absolutePath}. */
    FakeCgroupTree file(String absolutePath, String text) {
        return write(at(absolutePath), text);
    }

    FakeCgroupTree dir(String absolutePath) {
        try {
            Files.createDirectories(at(absolutePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Where the kernel's {@code absolutePath} is in this tree. */
    Path at(String absolutePath) {
        return root.resolve(absolutePath.substring(1));
    }

    CgroupCpu reader() {
        return new CgroupCpu(cgroup, mountinfo, root);
    }

    /** Writes raw bytes (a fuzzed file) at {@code file}, a path of this tree. */
    FakeCgroupTree bytes(Path file, byte[] bytes) {
        put(file, bytes);
        return this;
    }

    private FakeCgroupTree write(Path file, String text) {
        put(file, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    private static void put(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete() {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Frees a reader stuck opening {@code fifo} (when the code under test is broken): an O_RDWR open
     * of a FIFO never blocks on Linux and counts as the writer the reader waits for.
     */
    static void unblock(Path fifo) {
        try (FileChannel c = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // opened and closed: a stuck reader now sees end of file
        } catch (IOException e) {
            // gone already: nobody can be stuck on it
        }
    }

    /** Makes a FIFO at {@code path}: opening it to read would block until someone writes. */
    static void mkfifo(Path path) throws IOException, InterruptedException {
        Files.createDirectories(path.getParent());
        Process mk = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (mk.waitFor() != 0) {
            throw new IOException("mkfifo " + path + " failed");
        }
    }
}
