package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link CgroupText} and {@link BoundedFile}, the parts of {@link CgroupCpu} that need no directory tree. */
class CgroupCpuParsersTest {

    @Test
    void procCgroupFindsTheUnifiedLineAndTheCpuController() {
        CgroupText.ProcCgroup p = CgroupText.procCgroup(
                "12:cpuset:/a\n4:cpu,cpuacct:/system.slice/x:y.service\n3:cpu:/second\n0::/user.slice/u 1\n");
        assertThat(p.v2).isEqualTo("/user.slice/u 1");
        assertThat(p.v1Cpu).as("colons in the path stay; the first cpu line wins").isEqualTo("/system.slice/x:y.service");
        CgroupText.ProcCgroup none = CgroupText.procCgroup("1:name=systemd:/\n10::/x\n0:cpuacct:/y\n");
        assertThat(none.v2).isNull();
        assertThat(none.v1Cpu).isNull();
        assertThat(CgroupText.procCgroup("").v2).isNull();
        assertThat(CgroupText.procCgroup("0::").v2).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"/|0", "/a/b|2", "//a///b/|2", "/a b/c:d|2", "/..a/b..|2"})
    void plainAbsolutePathsHaveSegments(String path, int count) {
        assertThat(CgroupText.segments(path)).hasSize(count);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"''", "a/b", "/a/../b", "/..", "/a/.", "./a", "/a/b/.."})
    void pathsThatCouldLeaveTheTreeHaveNone(String path) {
        assertThat(CgroupText.segments(path)).isNull();
        assertThat(CgroupText.segments("/a\0b")).isNull();
        assertThat(CgroupText.segments(null)).isNull();
    }

    @Test
    void belowComparesWholeSegments() {
        String[] path = {"docker", "abc", "w"};
        assertThat(CgroupText.below(path, new String[0])).containsExactly("docker", "abc", "w");
        assertThat(CgroupText.below(path, new String[] {"docker", "abc"})).containsExactly("w");
        assertThat(CgroupText.below(path, new String[] {"docker", "abc", "w"})).isEmpty();
        assertThat(CgroupText.below(path, new String[] {"docker", "ab"})).isNull();
        assertThat(CgroupText.below(path, new String[] {"docker", "abc", "w", "x"})).isNull();
        assertThat(CgroupText.below(path, null)).isNull();
    }

    @Test
    void mountinfoLinesWithAndWithoutOptionalFields() {
        CgroupText.Mount m = CgroupText.mount("31 30 0:28 /docker/a\\040b /sys/fs/cgroup/cpu rw,nosuid shared:12 master:1 - cgroup cgroup rw,cpu,cpuacct");
        assertThat(m.root).isEqualTo("/docker/a b");
        assertThat(m.point).isEqualTo("/sys/fs/cgroup/cpu");
        assertThat(m.type).isEqualTo("cgroup");
        assertThat(m.superOptions).isEqualTo("rw,cpu,cpuacct");
        assertThat(CgroupText.mount("40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw").type).isEqualTo("cgroup2");
        // a "-" that is a mount point, not the separator; and lines cut short
        assertThat(CgroupText.mount("1 0 0:1 / - rw - cgroup2 none rw").point).isEqualTo("-");
        assertThat(CgroupText.mount("40 30 0:37 / /x rw - cgroup2 cgroup2")).isNull();
        assertThat(CgroupText.mount("40 30 0:37 / /x -")).isNull();
        assertThat(CgroupText.mount("")).isNull();
    }

    @Test
    void mountsKeepOnlyCgroup2AndCpuCgroups() {
        CgroupText.Mounts m = CgroupText.mounts("30 22 0:27 / /sys/fs/cgroup rw - tmpfs tmpfs rw\n"
                + "31 30 0:28 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n"
                + "32 30 0:29 / /sys/fs/cgroup/cpuacct rw - cgroup cgroup rw,cpuacct\n"
                + "33 30 0:30 / relative rw - cgroup cgroup rw,cpu\n"
                + "40 30 0:37 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n"
                + "41 30 0:38 / /cpu rw - cgroup2x cgroup2 rw,cpu\n");
        assertThat(m.v1Cpu).extracting(x -> x.point).containsExactly("/sys/fs/cgroup/cpu");
        assertThat(m.v2).extracting(x -> x.point).containsExactly("/sys/fs/cgroup/unified");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "/a\\040b|/a b", "/a\\011b|/a\tb", "/a\\134b|/a\\b", "/plain|/plain",
        "/a\\|/a\\", "/a\\04|/a\\04", "/a\\400|/a\\400", "/a\\08x|/a\\08x", "\\040\\040|'  '"})
    void octalEscapesAreDecodedAndAnythingElseKept(String escaped, String decoded) {
        assertThat(CgroupText.unescape(escaped)).isEqualTo(decoded);
        assertThat(CgroupText.unescape("/a\\012")).isEqualTo("/a\n");
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0|0", "7|7", "9223372036854775807|9223372036854775807", "9223372036854775808|-1", "99999999999999999999|-1",
        "18446744073709551617|-1", "''|-1", "-1|-1", "+1|-1", "' 1'|-1", "'1 '|-1", "0x10|-1", "١|-1", "00000000000000000001|-1"})
    void digitsAreAsciiAndFitALong(String s, long value) {
        assertThat(CgroupText.digits(s)).isEqualTo(value);
    }

    @Test
    void boundedFileCutsAfterTheLastCompleteLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("f");
        Files.writeString(f, "a 1\nb 2\nc 3\n");
        BoundedFile.Content whole = new BoundedFile(12).read(f);
        assertThat(whole.text).isEqualTo("a 1\nb 2\nc 3\n");
        assertThat(whole.cut).isFalse();
        BoundedFile.Content cut = new BoundedFile(10).read(f);
        assertThat(cut.text).isEqualTo("a 1\nb 2\n");
        assertThat(cut.cut).isTrue();
        Files.writeString(f, "1234567890123");
        BoundedFile.Content noLine = new BoundedFile(10).read(f);
        assertThat(noLine.text).as("a half number is no number").isEmpty();
        assertThat(noLine.cut).isTrue();
        assertThat(new BoundedFile(10).read(dir.resolve("none")).missing()).isTrue();
    }
}
