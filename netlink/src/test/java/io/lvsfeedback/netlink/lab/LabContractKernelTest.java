package io.lvsfeedback.netlink.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lvsfeedback.testfixtures.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pins the guest contract of lab/README.md that every kernel test relies on. */
@Tag("kernel")
class LabContractKernelTest {

    @Test
    void runsOnTheLabKernelWithIpvs() {
        assertThat(System.getenv("LVS_LAB")).isEqualTo("1");
        assertThat(System.getProperty("os.version")).isEqualTo(System.getenv("LAB_KERNEL_VERSION"));
        assertThat(Path.of("/proc/net/ip_vs")).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "crc32c_generic", "ip_vs", "ip_vs_rr", "ip_vs_wrr", "ip_vs_wlc", "ip_vs_lc", "ip_vs_sed", "ip_vs_nq",
        "ip_vs_sh", "ip_vs_dh", "ip_vs_mh", "ipip", "veth", "bridge", "dummy",
    })
    void promisedModuleIsLoaded(String module) throws IOException {
        assertThat(loadedModules()).contains(module);
    }

    @Test
    void modulesCanBeUnloadedAndLoadedAgain() throws IOException {
        // ip_vs_dh: a scheduler no other kernel test uses, so unloading it disturbs nothing.
        Commands.run("rmmod", "ip_vs_dh");
        try {
            assertThat(loadedModules()).doesNotContain("ip_vs_dh");
        } finally {
            Commands.run("modprobe", "ip_vs_dh");
        }
        assertThat(Commands.run("lsmod")).contains("ip_vs_dh");
    }

    @Test
    void tmpRunAndTheResultsShareAreWritable() throws IOException {
        List<Path> writable = List.of(Path.of("/tmp"), Path.of("/run"), Path.of(System.getenv("LAB_RESULTS")));
        for (Path dir : writable) {
            Path probe = Files.createTempFile(dir, "lab-contract", ".txt");
            Files.writeString(probe, "written in the guest");
            assertThat(Files.readString(probe)).isEqualTo("written in the guest");
            Files.delete(probe);
        }
    }

    @Test
    void theHostRootIsReadOnly() {
        Path workingDirectory = Path.of("").toAbsolutePath();
        assertThatThrownBy(() -> Files.delete(Files.createTempFile(workingDirectory, "lab-contract", ".txt")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Read-only file system");
    }

    private static List<String> loadedModules() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/modules"), StandardCharsets.US_ASCII)) {
            names.add(line.substring(0, line.indexOf(' ')));
        }
        return names;
    }
}
