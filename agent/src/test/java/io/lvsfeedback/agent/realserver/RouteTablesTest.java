package io.lvsfeedback.agent.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Default routes from /proc/net/route and /proc/net/ipv6_route, as a real kernel prints them. */
class RouteTablesTest {
    private static final String V4_HEADER =
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT";

    @TempDir
    Path tmp;

    @Test
    void ipv4PicksTheLowestMetricDefaultRouteAndDecodesTheGateway() throws Exception {
        // Captured in a namespace with "ip route add default via 10.1.0.1" (little-endian host).
        List<String> lines = Arrays.asList(V4_HEADER,
                "nat0\t00000000\t0100010A\t0003\t0\t0\t0\t00000000\t0\t0\t0",
                "eth1\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0",
                "nat0\t0000010A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0");
        org.junit.jupiter.api.Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN,
                "fixture captured on a little-endian host");
        new FakeHost(tmp).file("route", String.join("\n", lines));

        DefaultRoute route = new RouteTables(tmp.resolve("proc-net")).defaultRoute(false).get();

        assertThat(route.gateway()).contains(InetAddress.getByName("10.1.0.1"));
        assertThat(route.ifname()).isEqualTo("nat0");
        assertThat(route.toString()).isEqualTo("via 10.1.0.1 dev nat0");
    }

    @Test
    void ipv4IgnoresRoutesThatAreNotUpOrNotDefault() {
        List<DefaultRoute> routes = RouteTables.parseIpv4(Arrays.asList(V4_HEADER,
                "eth0\t00000000\t0101A8C0\t0000\t0\t0\t0\t00000000\t0\t0\t0",
                "eth0\t00000000\t00000000\t0201\t0\t0\t0\t00000000\t0\t0\t0",
                "eth0\t0000A8C0\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0",
                "garbage"));

        assertThat(routes).isEmpty();
    }

    @Test
    void ipv4DeviceRouteHasNoGateway() {
        List<DefaultRoute> routes = RouteTables.parseIpv4(Arrays.asList(V4_HEADER,
                "wg0\t00000000\t00000000\t0001\t0\t0\t0\t00000000\t0\t0\t0"));

        assertThat(routes).singleElement().satisfies(r -> {
            assertThat(r.gateway()).isEmpty();
            assertThat(r.toString()).isEqualTo("dev wg0");
        });
    }

    @Test
    void ipv6FindsTheGatewayAndSkipsTheLoopbackRejectRoute() throws Exception {
        List<DefaultRoute> routes = RouteTables.parseIpv6(Arrays.asList(
                "fd000000000000000000000000000000 40 00000000000000000000000000000000 00 "
                        + "00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0",
                "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
                        + "fd000000000000000000000000000001 00000400 00000001 00000000 00000003     eth0",
                "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
                        + "00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo"));

        assertThat(routes).singleElement().satisfies(r -> {
            assertThat(r.gateway()).contains(InetAddress.getByName("fd00::1"));
            assertThat(r.metric()).isEqualTo(0x400);
            assertThat(r.toString()).isEqualTo("via fd00::1 dev eth0");
        });
    }

    @Test
    void missingFilesMeanNoRoute() throws Exception {
        assertThat(new RouteTables(tmp.resolve("nothing")).defaultRoute(true)).isEmpty();
        assertThat(new RouteTables(tmp.resolve("nothing")).defaultRoute(false)).isEmpty();
    }
}
