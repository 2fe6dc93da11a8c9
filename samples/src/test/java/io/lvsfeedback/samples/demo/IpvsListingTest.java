package io.lvsfeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpvsListingTest {

    // Output of ipvsadm 1.31 (-Ln) in the lab, with a second service that must be ignored.
    private static final String LISTING = """
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
            TCP  10.0.0.100:8080 wrr
              -> 10.0.0.11:8080               Route   100    2          17
              -> 10.0.0.12:8080               Route   37     0          5
              -> 10.0.0.13:8080               Route   0      1          0
            TCP  10.0.0.100:9090 wrr
              -> 10.0.0.11:9090               Masq    1      0          0
            """;

    @Test
    void readsTheDestinationsOfOneService() {
        assertThat(IpvsListing.destinations(LISTING, "10.0.0.100:8080")).containsExactly(
                new IpvsDestination("10.0.0.11:8080", "Route", 100, 2, 17),
                new IpvsDestination("10.0.0.12:8080", "Route", 37, 0, 5),
                new IpvsDestination("10.0.0.13:8080", "Route", 0, 1, 0));
        assertThat(IpvsListing.destinations(LISTING, "10.0.0.100:9090")).extracting(IpvsDestination::forward)
                .containsExactly("Masq");
        assertThat(IpvsListing.destinations(LISTING, "10.0.0.100:8080").get(0).host()).isEqualTo("10.0.0.11");
    }

    @Test
    void unknownServiceHasNoDestinations() {
        assertThat(IpvsListing.destinations(LISTING, "10.9.9.9:80")).isEmpty();
    }

    @Test
    void garbledLineIsNamed() {
        String bad = "TCP  10.0.0.100:8080 wrr\n  -> 10.0.0.11:8080 Route lots 0 0\n";
        assertThatThrownBy(() -> IpvsListing.destinations(bad, "10.0.0.100:8080"))
                .hasMessageContaining("10.0.0.11:8080 Route lots");
    }

    @Test
    void readsTheProcFormWithHexAddresses() {
        String proc = """
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port Forward Weight ActiveConn InActConn
                TCP  0A000064:1F90 wrr
                  -> 0A00000D:1F90      Tunnel  55     1          3
                  -> 0A00000B:1F90      Masq    0      0          0
                """;
        assertThat(IpvsListing.destinations(proc, "10.0.0.100:8080")).containsExactly(
                new IpvsDestination("10.0.0.13:8080", "Tunnel", 55, 1, 3),
                new IpvsDestination("10.0.0.11:8080", "Masq", 0, 0, 0));
    }
}
