package io.lvsfeedback.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The kernel tests read IPVS state through this parser, so it must not misread a listing. */
class IpvsadmListingTest {
    private static final String LISTING = String.join("\n",
            "IP Virtual Server version 1.2.1 (size=4096)",
            "Prot LocalAddress:Port Scheduler Flags",
            "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn",
            "TCP  10.77.0.100:8080 wrr",
            "  -> 10.77.0.11:8080              Route   3      0          0",
            "  -> 10.77.0.12:8080              Masq    1      4          17",
            "UDP  [2001:db8::1]:53 sh persistent 300",
            "  -> [2001:db8::5]:53             Tunnel  0      0          0",
            "TCP  10.77.0.101:80 rr",
            "");

    @Test
    void readsServicesWithTheirDestinations() {
        IpvsadmListing listing = IpvsadmListing.parse(LISTING);

        assertThat(listing.services()).hasSize(3);
        IpvsadmListing.Service web = listing.service("TCP", "10.77.0.100:8080").orElseThrow();
        assertThat(web.scheduler).isEqualTo("wrr");
        assertThat(web.flags).isEmpty();
        assertThat(web.destinations).hasSize(2);
        IpvsadmListing.Destination second = web.destinations.get(1);
        assertThat(second.endpoint.address).isEqualTo("10.77.0.12");
        assertThat(second.forward()).isEqualTo("Masq");
        assertThat(second.weight()).isEqualTo(1);
        assertThat(second.activeConnections()).isEqualTo(4);
        assertThat(second.inactiveConnections()).isEqualTo(17);
    }

    @Test
    void readsIpv6AndFlags() {
        IpvsadmListing.Service dns = IpvsadmListing.parse(LISTING).service("UDP", "[2001:db8::1]:53").orElseThrow();

        assertThat(dns.endpoint().address).isEqualTo("2001:db8::1");
        assertThat(dns.endpoint().port).isEqualTo(53);
        assertThat(dns.flags).isEqualTo("persistent 300");
        assertThat(dns.destinations).singleElement().satisfies(d -> {
            assertThat(d.endpoint.address).isEqualTo("2001:db8::5");
            assertThat(d.forward()).isEqualTo("Tunnel");
            assertThat(d.weight()).isZero();
        });
    }

    @Test
    void aServiceWithoutDestinationsIsListedEmpty() {
        assertThat(IpvsadmListing.parse(LISTING).service("TCP", "10.77.0.101:80").orElseThrow().destinations).isEmpty();
    }

    @Test
    void anEmptyTableHasNoServices() {
        assertThat(IpvsadmListing.parse("IP Virtual Server version 1.2.1 (size=4096)\n"
                + "Prot LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n").services()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "  -> 10.0.0.1:80 Route 1 0 0",
        "TCP  10.0.0.1:80 rr\n  -> 10.0.0.2:80 Route one 0 0",
        "TCP  10.0.0.1:80 rr\n  -> 10.0.0.2:80 Route 1 0",
        "TCP  10.0.0.1 rr",
        "TCP  10.0.0.1:http rr",
        "TCP  10.0.0.1:80",
        "garbage",
    })
    void rejectsWhatItDoesNotUnderstandNamingTheLine(String text) {
        assertThatThrownBy(() -> IpvsadmListing.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line ");
    }

    @Test
    void readsTheThresholdAndTunnelVariantsByTheirHeaderAndFirewallMarks() {
        // as ipvsadm -Ln --thresholds prints it (found in the lab): the names on the Prot line
        IpvsadmListing thresholds = IpvsadmListing.parse("Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn\n"
                + "  -> RemoteAddress:Port\n"
                + "TCP  10.77.0.100:80 wrr\n  -> 10.77.0.11:80                 100        10         0          0\n");
        IpvsadmListing.Destination d = thresholds.service("TCP", "10.77.0.100:80").orElseThrow().destinations.get(0);
        assertThat(d.number("Uthreshold")).isEqualTo(100);
        assertThat(d.number("Lthreshold")).isEqualTo(10);
        IpvsadmListing tunnels = IpvsadmListing.parse("Prot LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n"
                + "TCP  10.77.0.100:80 wrr\n  -> 10.77.0.13:80  Tunnel  gue:6080:-c  1  0  0\n"
                + "FWM  5 rr\n  -> 10.77.0.21:0  Route  n/a  1  0  0\n");
        assertThat(tunnels.lines()).containsExactly(
                java.util.Map.entry("TCP 10.77.0.100:80 wrr", java.util.List.of("-> 10.77.0.13:80 Tunnel gue:6080:-c 1 0 0")),
                java.util.Map.entry("FWM 5 rr", java.util.List.of("-> 10.77.0.21:0 Route n/a 1 0 0")));
        assertThat(tunnels.service("FWM", "5").orElseThrow().destinations.get(0).weight()).isEqualTo(1);
        assertThatThrownBy(() -> IpvsadmListing.parse("FWM  x rr")).hasMessageStartingWith("line 1");
    }
}
