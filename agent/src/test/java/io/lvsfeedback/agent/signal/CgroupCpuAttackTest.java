package io.lvsfeedback.agent.signal;

import static io.lvsfeedback.agent.signal.FakeCgroupTree.V1_CPU_MOUNT;
import static io.lvsfeedback.agent.signal.FakeCgroupTree.V2_MOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CgroupCpu} against files that are not what the kernel writes: random bytes, FIFOs,
 * devices, huge files, directories, loops. It must answer, promptly, and say what was wrong.
 */
class CgroupCpuAttackTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(10); // generous: the point is "not forever"

    /** The files of a tree that a fuzzed content replaces. */
    enum Target { CGROUP, MOUNTINFO, CPU_MAX_LEAF, CPU_MAX_PARENT, CPU_STAT_V2, CFS_QUOTA, CFS_PERIOD, CPU_STAT_V1 }

    /** v2 limits at two levels; v1 with a quota beside it, used when v2 has no cpu.max. */
    private static FakeCgroupTree validTree(FakeCgroupTree t, boolean v2) {
        t.cgroup("3:cpu,cpuacct:/a/b", "0::/a/b").mountinfo(V1_CPU_MOUNT, V2_MOUNT.replace("/sys/fs/cgroup ", "/sys/fs/cgroup/unified "))
                .file("/sys/fs/cgroup/cpu,cpuacct/a/b/cpu.cfs_quota_us", "20000\n")
                .file("/sys/fs/cgroup/cpu,cpuacct/a/b/cpu.cfs_period_us", "100000\n")
                .file("/sys/fs/cgroup/cpu,cpuacct/a/b/cpu.stat", "nr_throttled 1\nthrottled_time 5\n")
                .dir("/sys/fs/cgroup/unified/a/b");
        if (v2) {
            t.file("/sys/fs/cgroup/unified/a/cpu.max", "50000 100000\n")
                    .file("/sys/fs/cgroup/unified/a/b/cpu.max", "max 100000\n")
                    .file("/sys/fs/cgroup/unified/a/cpu.stat", "throttled_usec 3\n");
        }
        return t;
    }

    private static Path file(FakeCgroupTree t, Target target) {
        switch (target) {
            case CGROUP: return t.cgroup;
            case MOUNTINFO: return t.mountinfo;
            case CPU_MAX_LEAF: return t.at("/sys/fs/cgroup/unified/a/b/cpu.max");
            case CPU_MAX_PARENT: return t.at("/sys/fs/cgroup/unified/a/cpu.max");
            case CPU_STAT_V2: return t.at("/sys/fs/cgroup/unified/a/cpu.stat");
            case CFS_QUOTA: return t.at("/sys/fs/cgroup/cpu,cpuacct/a/b/cpu.cfs_quota_us");
            case CFS_PERIOD: return t.at("/sys/fs/cgroup/cpu,cpuacct/a/b/cpu.cfs_period_us");
            default: return t.at("/sys/fs/cgroup/cpu,cpuacct/a/b/cpu.stat");
        }
    }

    /** What every answer must be, whatever the files said. */
    static void assertSane(CgroupCpu.Limit l) {
        assertThat(l.where()).isNotBlank().doesNotContainPattern("\\p{Cntrl}").hasSizeLessThan(20_000);
        if (Double.isNaN(l.cpus())) {
            assertThat(l.throttledNanos()).isEqualTo(-1);
        } else {
            assertThat(l.cpus()).isPositive().isFinite();
            assertThat(l.throttledNanos()).isGreaterThanOrEqualTo(-1);
        }
    }

    @Property(tries = 300)
    void randomBytesAsAnyFile(@ForAll Target target, @ForAll boolean v2, @ForAll("bytes") byte[] content) {
        FakeCgroupTree t = validTree(FakeCgroupTree.temporary(), v2);
        try {
            t.bytes(file(t, target), content);
            assertSane(t.reader().read());
        } finally {
            t.delete();
        }
    }

    @Property(tries = 300)
    void randomTextAsAnyFile(@ForAll Target target, @ForAll boolean v2, @ForAll("text") String content) {
        FakeCgroupTree t = validTree(FakeCgroupTree.temporary(), v2);
        try {
            t.bytes(file(t, target), content.getBytes(StandardCharsets.UTF_8));
            CgroupCpu reader = t.reader();
            assertSane(reader.read());
            assertSane(reader.read()); // and again, from the cached mount table
        } finally {
            t.delete();
        }
    }

    /** Every file at once, from pieces of the real grammar, so the parsers get past their first checks. */
    @Property(tries = 300)
    void plausibleGarbageEverywhere(@ForAll("cgroupFiles") String cgroup, @ForAll("mountinfoFiles") String mountinfo,
            @ForAll("numberFiles") String cpuMax, @ForAll("numberFiles") String quota, @ForAll("numberFiles") String period,
            @ForAll("statFiles") String stat) {
        FakeCgroupTree t = FakeCgroupTree.temporary();
        try {
            t.bytes(t.cgroup, utf8(cgroup)).bytes(t.mountinfo, utf8(mountinfo));
            for (String d : List.of("/", "/a", "/a/b", "/sys/fs/cgroup", "/sys/fs/cgroup/a", "/sys/fs/cgroup/a/b", "/x y/a")) {
                t.bytes(t.at(d + "/cpu.max"), utf8(cpuMax)).bytes(t.at(d + "/cpu.cfs_quota_us"), utf8(quota))
                        .bytes(t.at(d + "/cpu.cfs_period_us"), utf8(period)).bytes(t.at(d + "/cpu.stat"), utf8(stat));
            }
            CgroupCpu reader = t.reader();
            assertSane(reader.read());
            assertSane(reader.read());
        } finally {
            t.delete();
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().ofMaxLength(300);
    }

    @Provide
    Arbitrary<String> cgroupFiles() {
        Arbitrary<String> line = Combinators.combine(
                Arbitraries.of("0", "1", "3", "10", "", "x"),
                Arbitraries.of("", "cpu", "cpu,cpuacct", "cpuacct", "name=systemd", "cpu,", ",cpu"),
                paths()).as((id, ctl, path) -> id + ":" + ctl + ":" + path);
        return line.list().ofMaxSize(5).map(l -> String.join("\n", l) + "\n");
    }

    @Provide
    Arbitrary<String> mountinfoFiles() {
        Arbitrary<String> line = Combinators.combine(
                paths(), paths(), Arbitraries.of("", "shared:1 ", "shared:1 master:2 ", "- "),
                Arbitraries.of("cgroup", "cgroup2", "tmpfs", "-", ""),
                Arbitraries.of("rw,cpu", "rw,cpu,cpuacct", "rw,cpuacct", "rw", "", "cpu"))
                .as((root, point, optional, type, sup) -> "31 30 0:28 " + root + " " + point + " rw " + optional + "- " + type + " cgroup " + sup);
        return Arbitraries.oneOf(line, Arbitraries.strings().withChars("0123456789 -/\\\nacgpuroptsw").ofMaxLength(80))
                .list().ofMaxSize(6).map(l -> String.join("\n", l) + "\n");
    }

    private static Arbitrary<String> paths() {
        return Arbitraries.of("/", "/a", "/a/b", "/sys/fs/cgroup", "/x\\040y", "/x y", "/a/../..", "/./a", "a", "", "//a//b/",
                "/sys/fs/cgroup/a/b", "/a\\", "/\\777", "/a/b/c/d");
    }

    @Provide
    Arbitrary<String> numberFiles() {
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("max", "-1", "0", "", "9223372036854775808", "99999999999999999999", " ", "1e5"));
        return Combinators.combine(number, number, Arbitraries.of(" ", "  ", "\t", "\n", ""))
                .as((a, b, sep) -> a + sep + b + "\n");
    }

    @Provide
    Arbitrary<String> statFiles() {
        Arbitrary<String> line = Combinators.combine(
                Arbitraries.of("throttled_usec", "throttled_time", "nr_throttled", "throttled_usec ", "", "throttled"),
                Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf), Arbitraries.of("", "x", "9223372036854775808")))
                .as((k, v) -> k + " " + v);
        return line.list().ofMaxSize(6).map(l -> String.join("\n", l));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- FIFOs, devices, directories, loops: refused before they are opened

    @Test
    void aFifoAsCpuMaxIsRefusedNotWaitedFor(@TempDir Path dir) throws Exception {
        FakeCgroupTree t = validTree(new FakeCgroupTree(dir), true);
        Path fifo = t.at("/sys/fs/cgroup/unified/a/b/cpu.max");
        Files.delete(fifo);
        FakeCgroupTree.mkfifo(fifo);
        try {
            CgroupCpu.Limit l = assertTimeoutPreemptively(PROMPTLY, () -> t.reader().read());
            assertSane(l);
            assertThat(l.cpus()).as("the parent's quota still counts").isEqualTo(0.5);
            assertThat(l.where()).contains(fifo + ": not a regular file (a FIFO, socket or device)");
        } finally {
            FakeCgroupTree.unblock(fifo);
        }
    }

    @Test
    void aFifoAsProcSelfCgroupIsRefusedNotWaitedFor(@TempDir Path dir) throws Exception {
        FakeCgroupTree t = validTree(new FakeCgroupTree(dir), true);
        Files.delete(t.cgroup);
        FakeCgroupTree.mkfifo(t.cgroup);
        try {
            CgroupCpu.Limit l = assertTimeoutPreemptively(PROMPTLY, () -> t.reader().read());
            assertThat(l).isEqualTo(new CgroupCpu.Limit(Double.NaN, -1,
                    "cannot read " + t.cgroup + ": not a regular file (a FIFO, socket or device)"));
        } finally {
            FakeCgroupTree.unblock(t.cgroup);
        }
    }

    @Test
    void fifosEverywhereElseAreRefusedToo(@TempDir Path dir) throws Exception {
        for (Target target : new Target[] {Target.MOUNTINFO, Target.CPU_STAT_V2, Target.CFS_QUOTA, Target.CFS_PERIOD, Target.CPU_STAT_V1}) {
            FakeCgroupTree t = validTree(new FakeCgroupTree(Files.createTempDirectory(dir, "t")), target == Target.CPU_STAT_V2);
            Path fifo = file(t, target);
            Files.delete(fifo);
            FakeCgroupTree.mkfifo(fifo);
            try {
                CgroupCpu.Limit l = assertTimeoutPreemptively(PROMPTLY, () -> t.reader().read());
                assertSane(l);
                assertThat(l.where()).as(target.name()).contains(fifo + ": not a regular file");
            } finally {
                FakeCgroupTree.unblock(fifo);
            }
        }
    }

    @Test
    void devZeroIsNeverRead(@TempDir Path dir) throws Exception {
        FakeCgroupTree t = validTree(new FakeCgroupTree(dir), true);
        Path cpuMax = t.at("/sys/fs/cgroup/unified/a/cpu.max");
        Files.delete(cpuMax);
        Files.createSymbolicLink(cpuMax, Paths.get("/dev/zero"));
        CgroupCpu.Limit l = assertTimeoutPreemptively(PROMPTLY, () -> t.reader().read());
        assertThat(l.cpus()).isNaN();
        assertThat(l.where()).contains(cpuMax + ": not a regular file (a FIFO, socket or device)");
        CgroupCpu.Limit asMountinfo = assertTimeoutPreemptively(PROMPTLY,
                () -> new CgroupCpu(t.cgroup, Paths.get("/dev/zero"), t.root).read());
        assertThat(asMountinfo.where()).isEqualTo("cannot read /dev/zero: not a regular file (a FIFO, socket or device)");
        Files.delete(cpuMax); // the link, before @TempDir's clean-up warns about a target outside it
    }

    @Test
    void aDirectoryWhereAFileShouldBeCannotBeRead(@TempDir Path dir) throws Exception {
        // The "unreadable file" case. chmod 000 cannot stand for it: the tests run as root, and
        // root reads a mode-000 file anyway (CAP_DAC_OVERRIDE). A directory cannot be read as a file by anyone.
        FakeCgroupTree t = validTree(new FakeCgroupTree(dir), true);
        Path cpuMax = t.at("/sys/fs/cgroup/unified/a/cpu.max");
        Files.delete(cpuMax);
        Files.createDirectory(cpuMax);
        CgroupCpu.Limit l = t.reader().read();
        assertThat(l.cpus()).isNaN();
        assertThat(l.where()).contains(cpuMax + ": not a regular file (a directory)");
        assertThat(new CgroupCpu(dir, t.mountinfo, t.root).read().where())
                .isEqualTo("cannot read " + dir + ": not a regular file (a directory)");
    }

    @Test
    void aRegularFileWhoseReadFailsSaysWhy() {
        // /proc/self/mem is a regular file that opens and then fails with EIO at offset 0 (unmapped):
        // the read error path, which root cannot be made to hit with permissions.
        CgroupCpu.Limit l = new CgroupCpu(Paths.get("/proc/self/mem"), Paths.get("/proc/self/mountinfo"), Paths.get("/")).read();
        assertThat(l.cpus()).isNaN();
        assertThat(l.where()).startsWith("cannot read /proc/self/mem: ").doesNotContain("no such file");
    }

    @Test
    void aSymlinkLoopIsAFailureNotAHang(@TempDir Path dir) throws Exception {
        FakeCgroupTree t = validTree(new FakeCgroupTree(dir), true);
        Path cpuMax = t.at("/sys/fs/cgroup/unified/a/cpu.max");
        Files.delete(cpuMax);
        Files.createSymbolicLink(cpuMax, cpuMax);
        CgroupCpu.Limit l = assertTimeoutPreemptively(PROMPTLY, () -> t.reader().read());
        assertSane(l);
        assertThat(l.where()).contains(cpuMax + ": ");
    }

    // ---- huge files: cut, never loaded

    @Test
    void aHugeCpuMaxIsCutNotLoaded(@TempDir Path dir) throws Exception {
        FakeCgroupTree t = validTree(new FakeCgroupTree(dir), true);
        Path cpuMax = t.at("/sys/fs/cgroup/unified/a/cpu.max");
        writeDigits(cpuMax, "", 10_000_000);
        CgroupCpu reader = t.reader();
        reader.read(); // the first read parses mountinfo; measure a later one
        long before = allocatedBytes();
        CgroupCpu.Limit l = reader.read();
        long allocated = allocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by one read of a 10 MB file").isLessThan(1_000_000);
        assertThat(l.cpus()).isNaN();
        assertThat(l.where()).contains(cpuMax + ": not a quota the kernel writes (longer than 4096 bytes, cut)");
    }

    @Test
    void hugeFilesAreParsedAsFarAsTheyGo(@TempDir Path dir) throws Exception {
        FakeCgroupTree t = validTree(new FakeCgroupTree(dir), true);
        writeDigits(t.cgroup, "0::/a/b\n", 10_000_000);
        writeDigits(t.mountinfo, V2_MOUNT.replace("/sys/fs/cgroup ", "/sys/fs/cgroup/unified ") + "\n", 10_000_000);
        writeDigits(t.at("/sys/fs/cgroup/unified/a/cpu.stat"), "throttled_usec 3\n", 10_000_000);
        CgroupCpu.Limit l = assertTimeoutPreemptively(PROMPTLY, () -> t.reader().read());
        assertThat(l.cpus()).isEqualTo(0.5);
        assertThat(l.throttledNanos()).isEqualTo(3000);
        assertThat(l.where()).contains(t.cgroup + ": longer than 4096 bytes, cut");
    }

    @Test
    void boundedFileReturnsAtMostItsLimit(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("huge");
        try (OutputStream out = Files.newOutputStream(f)) {
            byte[] line = "1234567890123456789\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 500_000; i++) {
                out.write(line);
            }
        }
        BoundedFile.Content c = new BoundedFile(4096).read(f);
        assertThat(c.cut).isTrue();
        assertThat(c.text).hasSize(4080).endsWith("\n"); // 204 whole lines of 20 bytes
    }

    @Test
    void aCgroupFileLongerThanItsLimitSaysItWasCut(@TempDir Path dir) throws Exception {
        FakeCgroupTree t = validTree(new FakeCgroupTree(dir), true);
        t.cgroup("5:memory:/" + "m".repeat(5000), "0::/a/b");
        CgroupCpu.Limit l = t.reader().read();
        assertThat(l.cpus()).isNaN();
        assertThat(l.where()).startsWith("no cgroup CPU quota (no usable cgroup v2 or v1 cpu line in ")
                .endsWith(t.cgroup + ": longer than 4096 bytes, cut");
    }

    private static void writeDigits(Path file, String head, int size) throws IOException {
        byte[] chunk = "0123456789".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            for (int written = 0; written < size; written += chunk.length) {
                out.write(chunk);
            }
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
