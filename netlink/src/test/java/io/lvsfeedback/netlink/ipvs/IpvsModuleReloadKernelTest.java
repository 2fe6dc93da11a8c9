package io.lvsfeedback.netlink.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lvsfeedback.netlink.IpvsNotAvailableException;
import io.lvsfeedback.testfixtures.Commands;
import io.lvsfeedback.testfixtures.IpvsadmListing;
import io.lvsfeedback.testfixtures.JoinedNamespace;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pins issue 13 item 3: after {@code rmmod ip_vs} + {@code modprobe ip_vs} the kernel gives the
 * IPVS generic netlink family a new id, and a client opened before the reload (a running bridge's)
 * failed every request with ENOENT for ever. The same client object must go on working.
 */
@Tag("kernel")
class IpvsModuleReloadKernelTest {
    private static final List<String> SCHEDULERS = List.of("rr", "wrr", "wlc", "lc", "sed", "nq", "sh", "dh", "mh");

    @Test
    void theSameClientWorksAcrossAnIpVsReload() throws Exception {
        assertThat(Files.exists(Path.of("/proc/net/ip_vs")))
                .as("needs the lab's IPVS kernel (run with lab/kernel-tests netlink)").isTrue();
        try (JoinedNamespace namespace = JoinedNamespace.create("lvsfb-reload")) {
            namespace.ip("link", "add", "rs0", "type", "dummy");
            namespace.ip("addr", "add", "10.79.0.1/24", "dev", "rs0");
            namespace.ip("link", "set", "rs0", "up");
            NetlinkIpvsClient client = (NetlinkIpvsClient) namespace.call(IpvsClient::open);
            try {
                Service web = Service.builder(ServiceKey.parse("tcp:10.79.0.100:80")).scheduler("wrr").build();
                Destination real = Destination.builder(InetAddress.getByName("10.79.0.11"), 80)
                        .method(ForwardingMethod.DR).weight(3).build();
                // No destination before the reload: a deleted destination waits in IPVS's trash (up to
                // a minute) and keeps the module busy, which only makes the test slow.
                client.addService(web);
                assertThat(client.services()).extracting(Service::toString).containsExactly("tcp:10.79.0.100:80");
                int familyBefore = client.familyId();

                long start = System.nanoTime();
                namespace.exec("ipvsadm", "-C"); // rmmod refuses while a service holds its scheduler
                try {
                    unloadIpVs();
                    assertThatThrownBy(client::services).isInstanceOf(IpvsNotAvailableException.class);
                } finally {
                    loadIpVs();
                }
                System.out.printf("ip_vs reloaded in %d ms%n", (System.nanoTime() - start) / 1_000_000);

                assertThat(client.services()).as("the reloaded module starts with an empty table").isEmpty();
                assertThat(client.familyId()).as("the kernel gave the family a new id").isNotEqualTo(familyBefore);
                client.addService(web);
                client.addDestination(web, real);
                client.setWeight(web, real, 5);
                List<WeightResult> batch = client.applyWeights(List.of(new WeightChange(web, real.toBuilder().weight(5).build(), 9)));
                assertThat(batch).allMatch(WeightResult::succeeded);
                assertThat(client.destinations(web)).extracting(Destination::toString).containsExactly("10.79.0.11:80 DR weight 9");
                Map<String, List<String>> listing = IpvsadmListing.parse(namespace.exec("ipvsadm", "-Ln")).lines();
                assertThat(listing.get("TCP 10.79.0.100:80 wrr")).containsExactly("-> 10.79.0.11:80 Route 9 0 0");
            } finally {
                namespace.exec("ipvsadm", "-C");
                client.close();
            }
        }
    }

    /** Namespaces deleted by earlier tests release their services asynchronously: retry for a while. */
    private static void unloadIpVs() {
        List<String> unload = new ArrayList<>(List.of("modprobe", "-r", "-a"));
        SCHEDULERS.forEach(s -> unload.add("ip_vs_" + s));
        unload.add("ip_vs");
        await("ip_vs unloaded").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> Commands.exec(unload, 60).status == 0 && !Files.exists(Path.of("/proc/net/ip_vs")));
    }

    private static void loadIpVs() {
        List<String> load = new ArrayList<>(List.of("modprobe", "-a", "ip_vs"));
        SCHEDULERS.forEach(s -> load.add("ip_vs_" + s)); // as the lab loads them at boot
        Commands.run(load.toArray(new String[0]));
    }
}
