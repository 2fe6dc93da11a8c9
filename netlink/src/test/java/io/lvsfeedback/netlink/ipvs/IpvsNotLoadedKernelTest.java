package io.lvsfeedback.netlink.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lvsfeedback.netlink.IpvsNotAvailableException;
import io.lvsfeedback.testfixtures.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** With the ip_vs modules unloaded the client says so clearly; the modules are loaded again afterwards. */
@Tag("kernel")
class IpvsNotLoadedKernelTest {
    private static final List<String> SCHEDULERS = List.of("rr", "wrr", "wlc", "lc", "sed", "nq", "sh", "dh", "mh");

    @Test
    void openingTheClientWithoutIpVsGivesIpvsNotAvailable() {
        assertThat(Files.exists(Path.of("/proc/net/ip_vs"))).as("needs the lab's IPVS kernel").isTrue();
        try {
            unloadIpVs();
            assertThat(Files.exists(Path.of("/proc/net/ip_vs"))).as("ip_vs unloaded").isFalse();
            assertThatThrownBy(IpvsClient::open)
                    .isInstanceOf(IpvsNotAvailableException.class)
                    .hasMessage("IPVS not available: is the ip_vs module loaded?")
                    .extracting(e -> ((IpvsNotAvailableException) e).errno()).isEqualTo(2);
        } finally {
            List<String> load = new ArrayList<>(List.of("modprobe", "-a", "ip_vs"));
            SCHEDULERS.forEach(s -> load.add("ip_vs_" + s));
            Commands.run(load.toArray(new String[0]));
        }
        try (IpvsClient client = IpvsClient.open()) {
            assertThat(client.info().version()).isEqualTo("1.2.1");
        }
    }

    /** Namespaces deleted by earlier tests release their services asynchronously: retry for a while. */
    private static void unloadIpVs() {
        List<String> unload = new ArrayList<>(List.of("modprobe", "-r", "-a"));
        SCHEDULERS.forEach(s -> unload.add("ip_vs_" + s));
        unload.add("ip_vs");
        await("ip_vs unloaded").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Commands.exec(unload, 60).status == 0 && !Files.exists(Path.of("/proc/net/ip_vs")));
    }
}
