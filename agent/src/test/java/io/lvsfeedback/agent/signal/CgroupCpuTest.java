package io.lvsfeedback.agent.signal;

import static io.lvsfeedback.agent.signal.FakeCgroupTree.V1_CPU_MOUNT;
import static io.lvsfeedback.agent.signal.FakeCgroupTree.V2_MOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link CgroupCpu} on fake trees: which hierarchy, which level, which directory. */
class CgroupCpuTest {
    @TempDir
    Path dir;
    FakeCgroupTree tree;

    @BeforeEach
    void tree() {
        tree = new FakeCgroupTree(dir);
    }

    @Test
    void v2QuotaAtTheLeaf() {
        tree.cgroup("0::/app/web").mountinfo(V2_MOUNT)
                .file("/sys/fs/cgroup/cgroup.controllers", "cpu memory\n")
                .file("/sys/fs/cgroup/app/cpu.max", "max 100000\n")
                .file("/sys/fs/cgroup/app/web/cpu.max", "5000 100000\n")
                .file("/sys/fs/cgroup/app/web/cpu.stat", "usage_usec 10\nnr_periods 3\nnr_throttled 2\nthrottled_usec 1234\n");
        CgroupCpu.Limit l = tree.reader().read();
        assertThat(l.cpus()).isEqualTo(0.05);
        assertThat(l.throttledNanos()).isEqualTo(1_234_000);
        assertThat(l.where()).isEqualTo("cgroup v2 " + tree.at("/sys/fs/cgroup/app/web") + ": cpu.max 5000 100000");
    }

    @Test
    void v2TightestAncestorWinsAndItsThrottlingIsReported() {
        tree.cgroup("0::/kubepods/pod1/ctr").mountinfo(V2_MOUNT)
                .file("/sys/fs/cgroup/kubepods/cpu.max", "400000 100000\n")
                .file("/sys/fs/cgroup/kubepods/cpu.stat", "throttled_usec 1\n")
                .file("/sys/fs/cgroup/kubepods/pod1/cpu.max", "50000 100000\n")
                .file("/sys/fs/cgroup/kubepods/pod1/cpu.stat", "nr_throttled 9\nthrottled_usec 777\n")
                .file("/sys/fs/cgroup/kubepods/pod1/ctr/cpu.max", "200000 100000\n")
                .file("/sys/fs/cgroup/kubepods/pod1/ctr/cpu.stat", "throttled_usec 5\n");
        CgroupCpu.Limit l = tree.reader().read();
        assertThat(l.cpus()).isEqualTo(0.5);
        assertThat(l.throttledNanos()).isEqualTo(777_000);
        assertThat(l.where()).isEqualTo("cgroup v2 " + tree.at("/sys/fs/cgroup/kubepods/pod1") + ": cpu.max 50000 100000");
    }

    @Test
    void v2MaxEverywhereIsNoQuota() {
        tree.cgroup("0::/a/b").mountinfo(V2_MOUNT)
                .file("/sys/fs/cgroup/a/cpu.max", "max 100000\n")
                .file("/sys/fs/cgroup/a/b/cpu.max", "max 100000\n")
                .file("/sys/fs/cgroup/a/b/cpu.stat", "throttled_usec 5\n");
        CgroupCpu.Limit l = tree.reader().read();
        assertThat(l.cpus()).isNaN();
        assertThat(l.throttledNanos()).isEqualTo(-1);
        assertThat(l.where()).isEqualTo("no cgroup CPU quota (cgroup v2 " + tree.at("/sys/fs/cgroup/a/b") + ")");
    }

    @Test
    void hybridHostUsesV1WhenTheUnifiedTreeHasNoCpuMax() {
        // this machine's layout: an empty cgroup2 at /sys/fs/cgroup/unified beside the v1 controllers
        tree.cgroup("4:memory:/x", "1:cpu:/lim", "0::/")
                .mountinfo("30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
                        "31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
                        "40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw")
                .file("/sys/fs/cgroup/unified/cpu.stat", "usage_usec 5\n")
                .file("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n")
                .file("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n")
                .file("/sys/fs/cgroup/cpu/lim/cpu.cfs_quota_us", "20000\n")
                .file("/sys/fs/cgroup/cpu/lim/cpu.cfs_period_us", "100000\n")
                .file("/sys/fs/cgroup/cpu/lim/cpu.stat", "nr_periods 10\nnr_throttled 4\nthrottled_time 98765\n");
        CgroupCpu.Limit l = tree.reader().read();
        assertThat(l.cpus()).isEqualTo(0.2);
        assertThat(l.throttledNanos()).isEqualTo(98765);
        assertThat(l.where()).isEqualTo("cgroup v1 " + tree.at("/sys/fs/cgroup/cpu/lim") + ": cpu.cfs_quota_us 20000, cpu.cfs_period_us 100000");
    }

    @Test
    void v2WinsOverV1WhenItHasACpuMaxEvenWithoutAQuota() {
        tree.cgroup("1:cpu:/lim", "0::/app")
                .mountinfo("31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
                        "40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw")
                .file("/sys/fs/cgroup/unified/app/cpu.max", "max 100000\n")
                .file("/sys/fs/cgroup/cpu/lim/cpu.cfs_quota_us", "20000\n")
                .file("/sys/fs/cgroup/cpu/lim/cpu.cfs_period_us", "100000\n");
        CgroupCpu.Limit l = tree.reader().read();
        assertThat(l.cpus()).isNaN();
        assertThat(l.where()).startsWith("no cgroup CPU quota (cgroup v2 ");
    }

    @Test
    void v1JoinedCpuAndCpuacctControllers() {
        tree.cgroup("12:cpuset:/wrong", "5:cpuacct:/wrong", "3:cpu,cpuacct:/docker/abc", "1:name=systemd:/wrong", "0::/")
                .mountinfo("33 30 0:30 / /sys/fs/cgroup/cpuset rw - cgroup cgroup rw,cpuset",
                        "32 30 0:29 / /sys/fs/cgroup/cpuacct rw - cgroup cgroup rw,cpuacct",
                        V1_CPU_MOUNT)
                .file("/sys/fs/cgroup/cpu,cpuacct/docker/cpu.cfs_quota_us", "-1\n")
                .file("/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "150000\n")
                .file("/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n")
                .file("/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.stat", "throttled_time 42\n");
        CgroupCpu.Limit l = tree.reader().read();
        assertThat(l.cpus()).isEqualTo(1.5);
        assertThat(l.throttledNanos()).isEqualTo(42);
        assertThat(l.where()).contains("/sys/fs/cgroup/cpu,cpuacct/docker/abc:");
    }

    @ParameterizedTest(name = "[{index}] controllers {0}: cpu line {1}")
    @CsvSource(delimiter = '|', value = {
        "cpu|true", "cpu,cpuacct|true", "cpuacct,cpu|true", "cpuset,cpu,cpuacct|true",
        "cpuacct|false", "cpuset|false", "cpuacct,cpuset|false", "cpux|false", "name=cpu|false", "' cpu'|false"})
    void onlyTheExactTokenCpuNamesTheCpuController(String controllers, boolean used) {
        tree.cgroup("3:" + controllers + ":/lim")
                .mountinfo("31 30 0:28 / /sys/fs/cgroup/c rw - cgroup cgroup rw," + controllers)
                .file("/sys/fs/cgroup/c/lim/cpu.cfs_quota_us", "50000\n")
                .file("/sys/fs/cgroup/c/lim/cpu.cfs_period_us", "100000\n");
        CgroupCpu.Limit l = tree.reader().read();
        if (used) {
            assertThat(l.cpus()).isEqualTo(0.5);
        } else {
            assertThat(l.cpus()).isNaN();
            assertThat(l.where()).startsWith("no cgroup CPU quota (no usable cgroup v2 or v1 cpu line");
        }
    }

    @Test
    void aMountOfASubtreeStripsItsRootFromTheProcessPath() {
        // a container that bind-mounts only its own part of the host's hierarchy at /sys/fs/cgroup/cpu
        tree.cgroup("3:cpu,cpuacct:/docker/abc/worker")
                .mountinfo("1200 1190 0:28 /docker/abc /sys/fs/cgroup/cpu ro,nosuid master:12 - cgroup cgroup rw,cpu,cpuacct")
                .file("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "100000\n")
                .file("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n")
                .file("/sys/fs/cgroup/cpu/worker/cpu.cfs_quota_us", "25000\n")
                .file("/sys/fs/cgroup/cpu/worker/cpu.cfs_period_us", "100000\n");
        CgroupCpu.Limit l = tree.reader().read();
        assertThat(l.cpus()).isEqualTo(0.25);
        assertThat(l.where()).contains(tree.at("/sys/fs/cgroup/cpu/worker") + ":");
    }

    @Test
    void aProcessPathOutsideTheMountRootIsTheMountPointItself() {
        tree.cgroup("0::/elsewhere/x")
                .mountinfo("1200 1190 0:37 /docker/abc /sys/fs/cgroup rw - cgroup2 cgroup2 rw")
                .file("/sys/fs/cgroup/cpu.max", "30000 100000\n");
        CgroupCpu.Limit l = tree.reader().read();
        assertThat(l.cpus()).isEqualTo(0.3);
        assertThat(l.where()).isEqualTo("cgroup v2 " + tree.at("/sys/fs/cgroup") + ": cpu.max 30000 100000");
    }

    @Test
    void aRootThatIsAPrefixOfASegmentDoesNotHoldThePath() {
        // root /docker/ab must not swallow /docker/abc: segments compare, not characters
        tree.cgroup("0::/docker/abc")
                .mountinfo("1 0 0:37 /docker/ab /m rw - cgroup2 cgroup2 rw")
                .file("/m/cpu.max", "10000 100000\n")
                .dir("/m/c");
        assertThat(tree.reader().read().where()).isEqualTo("cgroup v2 " + tree.at("/m") + ": cpu.max 10000 100000");
    }

    @Test
    void escapedMountPointIsDecoded() {
        tree.cgroup("0::/svc")
                .mountinfo("40 30 0:37 / /run/my\\040cgroups\\134x rw shared:1 - cgroup2 cgroup2 rw")
                .file("/run/my cgroups\\x/svc/cpu.max", "5000 50000\n");
        CgroupCpu.Limit l = tree.reader().read();
        assertThat(l.cpus()).isEqualTo(0.1);
        assertThat(l.where()).contains("/run/my cgroups\\x/svc:");
    }

    @Test
    void aProcessMovedBetweenTwoReadsIsFollowed() {
        tree.cgroup("0::/a").mountinfo(V2_MOUNT)
                .file("/sys/fs/cgroup/a/cpu.max", "50000 100000\n")
                .file("/sys/fs/cgroup/b/cpu.max", "25000 100000\n");
        CgroupCpu cpu = tree.reader();
        assertThat(cpu.read().cpus()).isEqualTo(0.5);
        tree.cgroup("0::/b");
        assertThat(cpu.read().cpus()).isEqualTo(0.25);
        tree.cgroup("0::/");
        assertThat(cpu.read().cpus()).isNaN();
    }

    @Test
    void mountinfoIsParsedOnceAndReadAgainOnlyWhenADirectoryIsMissing() {
        tree.cgroup("0::/a").mountinfo("1 0 0:37 / /one rw - cgroup2 cgroup2 rw")
                .file("/one/a/cpu.max", "50000 100000\n")
                .file("/two/b/cpu.max", "10000 100000\n");
        CgroupCpu cpu = tree.reader();
        assertThat(cpu.read().cpus()).isEqualTo(0.5);

        tree.mountinfo("garbage");
        assertThat(cpu.read().cpus()).as("the cached table, not the new file").isEqualTo(0.5);

        // moved to a cgroup under a mount made since: /one/b does not exist, so mountinfo is read again
        tree.mountinfo("1 0 0:37 / /two rw - cgroup2 cgroup2 rw").cgroup("0::/b");
        assertThat(cpu.read().cpus()).isEqualTo(0.1);
    }

    /** The lab's W5: cgroup2 mounted after the JVM started (nothing to cache but its absence), then the JVM moved in. */
    @Test
    void aHierarchyMountedAfterTheFirstReadIsFoundWhenTheProcessMovesUnderIt() {
        tree.cgroup("0::/").mountinfo("22 1 0:21 / /proc rw - proc proc rw");
        CgroupCpu cpu = tree.reader();
        assertThat(cpu.read().cpus()).isNaN();
        tree.mountinfo("22 1 0:21 / /proc rw - proc proc rw", V2_MOUNT).file("/sys/fs/cgroup/rs1/cpu.max", "5000 100000\n")
                .cgroup("0::/rs1");
        assertThat(cpu.read().cpus()).isEqualTo(0.05);
    }

    @Test
    void aMissingDirectorySaysSoAndIsNotReReadForOnEveryCall() throws Exception {
        tree.cgroup("0::/gone").mountinfo(V2_MOUNT).dir("/sys/fs/cgroup");
        CgroupCpu cpu = tree.reader();
        CgroupCpu.Limit l = cpu.read();
        assertThat(l.cpus()).isNaN();
        assertThat(l.where()).isEqualTo("no cgroup CPU quota (no cgroup directory of this process exists); cgroup v2 directory "
                + tree.at("/sys/fs/cgroup/gone") + " does not exist");
        Files.delete(tree.mountinfo); // would fail the next read if it were read again
        assertThat(cpu.read()).isEqualTo(l);
    }

    @ParameterizedTest(name = "[{index}] cpu.max ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NaN", value = {
        "5000 100000|0.05", "5000 100000\\n|0.05", "1 9223372036854775807|1.0842021724855044E-19",
        "9223372036854775807 1|9.223372036854776E18", "max 100000|NaN", "max|NaN", "0 100000|NaN",
        "5000 0|NaN", "-5000 100000|NaN", "5000 -1|NaN", "+5000 100000|NaN", "abc 100000|NaN",
        "9223372036854775808 100000|NaN", "5000 99999999999999999999|NaN", "5000|NaN", "''|NaN",
        "5000  100000|NaN", "5000 100000 7|NaN", "５０００ 100000|NaN", "max garbage|NaN"})
    void cpuMaxOfEveryShape(String text, Double cpus) {
        tree.cgroup("0::/a").mountinfo(V2_MOUNT).file("/sys/fs/cgroup/a/cpu.max", text.replace("\\n", "\n"));
        CgroupCpu.Limit l = tree.reader().read();
        if (cpus == null) {
            assertThat(l.cpus()).isNaN();
            assertThat(l.throttledNanos()).isEqualTo(-1);
        } else {
            assertThat(l.cpus()).isEqualTo(cpus);
        }
    }

    @ParameterizedTest(name = "[{index}] cfs_quota_us ''{0}'', cfs_period_us ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NaN", value = {
        "20000|100000|0.2", "-1|100000|NaN", "0|100000|NaN", "-2|100000|NaN", "20000|0|NaN", "20000|-1|NaN",
        "20000|x|NaN", "20000|''|NaN", "x|100000|NaN", "99999999999999999999|100000|NaN"})
    void cfsFilesOfEveryShape(String quota, String period, Double cpus) {
        tree.cgroup("1:cpu:/a").mountinfo(V1_CPU_MOUNT)
                .file("/sys/fs/cgroup/cpu,cpuacct/a/cpu.cfs_quota_us", quota + "\n")
                .file("/sys/fs/cgroup/cpu,cpuacct/a/cpu.cfs_period_us", period + "\n");
        CgroupCpu.Limit l = tree.reader().read();
        if (cpus == null) {
            assertThat(l.cpus()).isNaN();
        } else {
            assertThat(l.cpus()).isCloseTo(cpus, within(1e-12));
        }
    }

    @Test
    void aQuotaWithoutAPeriodFileIsIgnoredAndSaidSo() {
        tree.cgroup("1:cpu:/a").mountinfo(V1_CPU_MOUNT).file("/sys/fs/cgroup/cpu,cpuacct/a/cpu.cfs_quota_us", "20000\n");
        CgroupCpu.Limit l = tree.reader().read();
        assertThat(l.cpus()).isNaN();
        assertThat(l.where()).endsWith("cpu.cfs_period_us: missing beside a quota");
    }

    @ParameterizedTest(name = "[{index}] cpu.stat ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "throttled_usec 5|5000", "nr_throttled 3\\nthrottled_usec 7\\n|7000", "throttled_usec 0|0",
        "throttled_usec 9223372036854775|9223372036854775000",
        "throttled_usec 9223372036854776|-1", // x 1000 would overflow: unknown, not a wrapped count
        "throttled_usec 9223372036854775807|-1", "throttled_usec -5|-1", "throttled_usec x|-1",
        "throttled_usecs 5|-1", "throttled_time 5|-1", "''|-1", "throttled_usec|-1"})
    void v2ThrottlingOfEveryShape(String stat, long nanos) {
        tree.cgroup("0::/a").mountinfo(V2_MOUNT)
                .file("/sys/fs/cgroup/a/cpu.max", "5000 100000\n")
                .file("/sys/fs/cgroup/a/cpu.stat", stat.replace("\\n", "\n"));
        assertThat(tree.reader().read().throttledNanos()).isEqualTo(nanos);
    }

    @Test
    void v1ThrottlingIsAlreadyNanoseconds() {
        tree.cgroup("1:cpu:/a").mountinfo(V1_CPU_MOUNT)
                .file("/sys/fs/cgroup/cpu,cpuacct/a/cpu.cfs_quota_us", "20000\n")
                .file("/sys/fs/cgroup/cpu,cpuacct/a/cpu.cfs_period_us", "100000\n")
                .file("/sys/fs/cgroup/cpu,cpuacct/a/cpu.stat", "throttled_time 9223372036854775807\n");
        assertThat(tree.reader().read().throttledNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"0::/../../etc", "0::/a/../..", "0::/a/./b", "0::a/b", "0::", "1:cpu:/../x"})
    void aPathThatCouldLeaveTheMountIsNeverWalked(String line) {
        // the outside directory has a quota: reading it would show
        tree.cgroup(line).mountinfo(V2_MOUNT, "31 30 0:28 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu")
                .file("/etc/cpu.max", "1000 100000\n").file("/sys/etc/cpu.max", "1000 100000\n")
                .file("/x/cpu.cfs_quota_us", "1000\n").file("/x/cpu.cfs_period_us", "100000\n")
                .file("/sys/fs/x/cpu.cfs_quota_us", "1000\n").file("/sys/fs/x/cpu.cfs_period_us", "100000\n");
        CgroupCpu.Limit l = tree.reader().read();
        assertThat(l.cpus()).isNaN();
        assertThat(l.where()).contains("is not a plain absolute path");
    }

    @Test
    void aMountPointThatClimbsOutIsSkipped() throws Exception {
        tree.cgroup("0::/").mountinfo("1 0 0:37 / /a/../../outside rw - cgroup2 cgroup2 rw");
        Files.createDirectories(dir.resolve("outside"));
        Files.writeString(dir.resolve("outside/cpu.max"), "1000 100000\n");
        CgroupCpu.Limit l = tree.reader().read();
        assertThat(l.cpus()).isNaN();
        assertThat(l.where()).startsWith("no cgroup CPU quota (no cgroup2 mount in ");
    }

    @Test
    void missingProcFilesSayWhichAndWhy() {
        CgroupCpu.Limit noCgroup = tree.reader().read();
        assertThat(noCgroup).isEqualTo(new CgroupCpu.Limit(Double.NaN, -1, "cannot read " + tree.cgroup + ": no such file"));
        tree.cgroup("0::/");
        assertThat(tree.reader().read().where()).isEqualTo("cannot read " + tree.mountinfo + ": no such file");
    }

    @Test
    void noCgroupMountsAtAll() {
        tree.cgroup("0::/").mountinfo("22 1 0:21 / /sys rw - sysfs sysfs rw");
        assertThat(tree.reader().read().where()).isEqualTo("no cgroup CPU quota (no cgroup2 mount in " + tree.mountinfo + ")");
    }

    @Test
    void thisHostGivesAnAnswer() {
        CgroupCpu.Limit l = new CgroupCpu().read();
        assertThat(l.where()).isNotBlank();
        assertThat(l.cpus()).satisfiesAnyOf(c -> assertThat(c).isNaN(), c -> assertThat(c).isPositive().isFinite());
    }

    @Test
    void limitIsAValue() {
        CgroupCpu.Limit a = new CgroupCpu.Limit(0.5, 3, "w");
        assertThat(a).isEqualTo(new CgroupCpu.Limit(0.5, 3, "w")).hasSameHashCodeAs(new CgroupCpu.Limit(0.5, 3, "w"))
                .isNotEqualTo(new CgroupCpu.Limit(0.5, 4, "w"));
        assertThat(new CgroupCpu.Limit(Double.NaN, -1, "x")).isEqualTo(new CgroupCpu.Limit(Double.NaN, -1, "x"));
        assertThat(a).hasToString("Limit[cpus=0.5, throttledNanos=3, where=w]");
    }
}
