package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The same child JVM moved into a 0.2-CPU cgroup, on cgroup v2 ({@code cpu.max}, {@code throttled_usec}):
 * the build host has v1's cpu controller only, the lab VM ({@code lab/kernel-tests agent}) has v2, which
 * this turns on for the VM's root (the VM is the test's own).
 */
@Tag("kernel")
class CgroupCpuV2KernelTest extends CgroupCpuRealCgroupTest {
    private static final Path ROOT = Paths.get("/sys/fs/cgroup");

    @BeforeAll
    static void cgroupV2WithTheCpuController() throws IOException, InterruptedException {
        if (!Files.exists(ROOT.resolve("cgroup.controllers"))) {
            Files.createDirectories(ROOT);
            run("mount", "-t", "cgroup2", "cgroup2", ROOT.toString());
        }
        if (!Files.readString(ROOT.resolve("cgroup.subtree_control")).contains("cpu")) {
            Files.writeString(ROOT.resolve("cgroup.subtree_control"), "+cpu\n");
        }
        // the inherited test skips without v2's cpu controller; here that would hide a broken lab, so it fails
        assertThat(Files.readString(ROOT.resolve("cgroup.subtree_control"))).as(ROOT + "/cgroup.subtree_control").contains("cpu");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed");
        }
    }
}
