package io.lvsfeedback.netlink.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.testfixtures.Commands;
import io.lvsfeedback.testfixtures.IpvsadmListing;
import io.lvsfeedback.testfixtures.NetworkNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lab's first kernel test: the guest kernel really runs IPVS, and a service plus destination
 * made with ipvsadm reads back with the scheduler, forwarding method and weight we asked for.
 * Everything happens in a throwaway namespace, with a dummy interface making the real-server
 * subnet unicast-routable.
 */
@Tag("kernel")
class IpvsadmSmokeKernelTest {
    private static final String REAL_SERVER_SUBNET = "10.77.0.1/24";
    private static final String VIP = "10.77.0.100";
    private static final String REAL_SERVER = "10.77.0.11";

    private static NetworkNamespace namespace;

    @BeforeAll
    static void insideTheLabKernel() {
        assertThat(Files.exists(Path.of("/proc/net/ip_vs")))
                .as("/proc/net/ip_vs exists: this test needs the lab's IPVS kernel (run it with lab/kernel-tests)")
                .isTrue();
        namespace = NetworkNamespace.withLoopbackUp("lvsfb-smoke");
        namespace.exec("ip", "link", "add", "rs0", "type", "dummy");
        namespace.exec("ip", "address", "add", REAL_SERVER_SUBNET, "dev", "rs0");
        namespace.exec("ip", "link", "set", "rs0", "up");
    }

    @AfterAll
    static void deleteNamespace() {
        if (namespace != null) {
            namespace.close();
        }
    }

    @ParameterizedTest(name = "{0} scheduler, {1} -> {2}, weight {3}")
    @CsvSource({
        "wrr, -g, Route,  3, 8080",
        "lc,  -m, Masq,   1, 8081",
        "mh,  -i, Tunnel, 7, 8082",
        "sed, -g, Route,  0, 8083",
    })
    void serviceAndDestinationReadBackFromTheKernel(String scheduler, String method, String forward, int weight,
            int port) {
        String service = VIP + ":" + port;
        String destination = REAL_SERVER + ":" + port;

        namespace.exec("ipvsadm", "-A", "-t", service, "-s", scheduler);
        namespace.exec("ipvsadm", "-a", "-t", service, "-r", destination, method, "-w", Integer.toString(weight));

        IpvsadmListing.Service listed = IpvsadmListing.parse(namespace.exec("ipvsadm", "-Ln"))
                .service("TCP", service)
                .orElseThrow(() -> new AssertionError("ipvsadm -Ln does not list TCP " + service));
        assertThat(listed.endpoint().address).isEqualTo(VIP);
        assertThat(listed.endpoint().port).isEqualTo(port);
        assertThat(listed.scheduler).isEqualTo(scheduler);
        assertThat(listed.destinations).singleElement().satisfies(d -> {
            assertThat(d.endpoint.address).isEqualTo(REAL_SERVER);
            assertThat(d.endpoint.port).isEqualTo(port);
            assertThat(d.forward()).isEqualTo(forward);
            assertThat(d.weight()).isEqualTo(weight);
        });

        namespace.exec("ipvsadm", "-D", "-t", service);
        assertThat(IpvsadmListing.parse(namespace.exec("ipvsadm", "-Ln")).service("TCP", service)).isEmpty();
    }

    @Test
    void aServiceMadeInTheNamespaceStaysInTheNamespace() {
        String service = VIP + ":9000";
        namespace.exec("ipvsadm", "-A", "-t", service, "-s", "rr");
        try {
            assertThat(IpvsadmListing.parse(namespace.exec("ipvsadm", "-Ln")).service("TCP", service)).isPresent();
            assertThat(IpvsadmListing.parse(Commands.run("ipvsadm", "-Ln")).service("TCP", service)).isEmpty();
        } finally {
            namespace.exec("ipvsadm", "-D", "-t", service);
        }
    }
}
