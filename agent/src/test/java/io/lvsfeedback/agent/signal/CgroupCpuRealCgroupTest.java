package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lvsfeedback.testfixtures.ChildClassPath;
import io.lvsfeedback.testfixtures.ChildProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CgroupCpu} against the kernel: a child JVM is moved into a new cgroup with a 0.2-CPU quota
 * while it runs, reads the quota, burns CPU and sees its throttling grow. Needs root and a writable
 * cgroup hierarchy with the cpu controller (v2 at /sys/fs/cgroup, or v1 at /sys/fs/cgroup/cpu);
 * skipped, saying why, elsewhere.
 */
class CgroupCpuRealCgroupTest {
    private static final Path V2_ROOT = Paths.get("/sys/fs/cgroup");
    private static final Path V1_CPU_ROOT = Paths.get("/sys/fs/cgroup/cpu");
    private static final Duration ANSWER = Duration.ofSeconds(15);

    @Test
    @Timeout(90)
    void aProcessMovedIntoALimitedCgroupSeesItsQuotaAndThrottling(@TempDir Path childOutput) throws Exception {
        boolean v2 = hasToken(V2_ROOT.resolve("cgroup.controllers"), "cpu");
        Path parent = v2 ? V2_ROOT : V1_CPU_ROOT;
        Assumptions.assumeTrue(v2 || Files.isRegularFile(V1_CPU_ROOT.resolve("cpu.cfs_quota_us")),
                "no cgroup v2 with the cpu controller at " + V2_ROOT + " and no cgroup v1 cpu hierarchy at " + V1_CPU_ROOT);
        Path cgroup = parent.resolve("lvsfb-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        try {
            Files.createDirectory(cgroup);
        } catch (IOException e) {
            Assumptions.abort("cannot create a cgroup (not root, or a read-only cgroup mount): " + cgroup + ": " + e);
        }
        ChildProcess child = null;
        try {
            limit(cgroup, v2);
            CgroupCpu.Limit self = new CgroupCpu().read();
            child = ChildProcess.start(childOutput, "cgroup-cpu-child", List.of(javaBinary(), "-Xmx64m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", ChildClassPath.of(CgroupCpuChild.class), CgroupCpuChild.class.getName()));
            child.awaitStdout(Pattern.compile("(?m)^ready$"), ANSWER);

            CgroupCpu.Limit before = ask(child, "read", 1);
            if (Double.isNaN(self.cpus())) {
                assertThat(before.cpus()).as(before.where()).isNaN();
            } else { // this machine already limits the test JVM: the child, still beside it, sees the same
                assertThat(before.cpus()).as(before.where()).isEqualTo(self.cpus());
            }

            Files.writeString(cgroup.resolve("cgroup.procs"), child.process().pid() + "\n");
            CgroupCpu.Limit inside = ask(child, "read", 2);
            assertThat(inside.cpus()).as(inside.where()).isCloseTo(0.2, within(1e-9));
            assertThat(inside.where()).startsWith("cgroup v" + (v2 ? 2 : 1) + " " + cgroup + ": ");
            assertThat(inside.throttledNanos()).isGreaterThanOrEqualTo(0);

            ask(child, "burn", 3);
            CgroupCpu.Limit after = ask(child, "read", 4);
            assertThat(after.cpus()).isCloseTo(0.2, within(1e-9));
            assertThat(after.throttledNanos()).as("throttled after two threads ran 1 s on 0.2 CPU; " + after.where())
                    .isGreaterThan(inside.throttledNanos());
        } finally {
            cleanUp(parent, cgroup, child);
        }
    }

    /** 20 ms of CPU per 100 ms: 0.2 CPU. */
    private static void limit(Path cgroup, boolean v2) throws IOException {
        if (v2) {
            Path cpuMax = cgroup.resolve("cpu.max");
            Assumptions.assumeTrue(Files.exists(cpuMax), "the cpu controller is not enabled in "
                    + V2_ROOT.resolve("cgroup.subtree_control") + " (left as it is: a host setting)");
            Files.writeString(cpuMax, "20000 100000\n");
        } else {
            Files.writeString(cgroup.resolve("cpu.cfs_period_us"), "100000\n");
            Files.writeString(cgroup.resolve("cpu.cfs_quota_us"), "20000\n");
        }
    }

    /** Sends {@code command n}, waits for the line that starts with n, and parses it when it is a Limit. */
    private static CgroupCpu.Limit ask(ChildProcess child, String command, int n) throws IOException {
        OutputStream stdin = child.process().getOutputStream();
        stdin.write((command + " " + n + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        Matcher m = child.awaitStdout(Pattern.compile("(?m)^" + n + " (?:burned|Limit\\[cpus=([^,]+), throttledNanos=(-?\\d+), where=(.*)\\])$"), ANSWER);
        return m.group(1) == null ? null : new CgroupCpu.Limit(Double.parseDouble(m.group(1)), Long.parseLong(m.group(2)), m.group(3));
    }

    /** Back to the parent cgroup, killed, and the cgroup removed, whatever failed before. */
    private static void cleanUp(Path parent, Path cgroup, ChildProcess child) {
        if (child != null) {
            try {
                Files.writeString(parent.resolve("cgroup.procs"), child.process().pid() + "\n");
            } catch (IOException | RuntimeException e) {
                // not moved (or not alive): the kill below empties the cgroup anyway
            }
            child.kill();
        }
        // a cgroup whose last process just ended can stay busy for a moment
        Awaitility.await("rmdir " + cgroup).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> {
                    Files.deleteIfExists(cgroup);
                    return true;
                });
    }

    private static boolean hasToken(Path file, String token) throws IOException {
        return Files.isRegularFile(file) && Arrays.asList(Files.readString(file).trim().split("\\s+")).contains(token);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }
}
