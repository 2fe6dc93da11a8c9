package io.lvsfeedback.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.netlink.ipvs.AddressLiterals;
import io.lvsfeedback.netlink.ipvs.Destination;
import io.lvsfeedback.netlink.ipvs.ForwardingMethod;
import io.lvsfeedback.netlink.ipvs.IpvsInfo;
import io.lvsfeedback.netlink.ipvs.Service;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import io.lvsfeedback.netlink.ipvs.TunnelType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IpvsTableFormatTest {

    /** What ipvsadm 1.31 printed in the lab for the same table (trailing blanks included). */
    private static final String IPVSADM = String.join("\n",
            "IP Virtual Server version 1.2.1 (size=4096)",
            "Prot LocalAddress:Port Scheduler Flags",
            "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn",
            "TCP  10.77.0.100:80 wrr",
            "  -> 10.77.0.11:80                Route   5      0          0         ",
            "  -> 10.77.0.12:8080              Masq    2      0          0         ",
            "  -> 10.77.0.13:80                Tunnel  1      0          0         ",
            "UDP  [2001:db8:77::100]:53 sh persistent 300",
            "FWM  5 rr",
            "");

    static Map<Service, List<Destination>> table() {
        Map<Service, List<Destination>> table = new LinkedHashMap<>();
        table.put(Service.builder(ServiceKey.parse("tcp:10.77.0.100:80")).scheduler("wrr").build(), List.of(
                Destination.builder(AddressLiterals.parseAddress("10.77.0.11"), 80).weight(5).thresholds(100, 10).build(),
                Destination.builder(AddressLiterals.parseAddress("10.77.0.12"), 8080).method(ForwardingMethod.MASQ).weight(2).build(),
                Destination.builder(AddressLiterals.parseAddress("10.77.0.13"), 80).method(ForwardingMethod.TUNNEL)
                        .tunnel(TunnelType.GUE, 6080, 0).weight(1).build()));
        table.put(Service.builder(ServiceKey.parse("udp:[2001:db8:77::100]:53")).scheduler("sh").persistent(300).build(), List.of());
        table.put(Service.builder(ServiceKey.parse("fwm:5")).scheduler("rr").build(), List.of());
        return table;
    }

    @Test
    void printsTheTableExactlyLikeIpvsadm() {
        assertThat(IpvsTableFormat.format(new IpvsInfo(0x010201, 4096), table())).isEqualTo(IPVSADM);
    }

    /** ipvsadm -Ln in the lab for a table the kernel dumped as TCP (dests .13, .12, .11), UDP, SCTP, FWM. */
    private static final String IPVSADM_SORTED = String.join("\n",
            "IP Virtual Server version 1.2.1 (size=4096)",
            "Prot LocalAddress:Port Scheduler Flags",
            "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn",
            "TCP  10.77.0.100:80 wrr",
            "  -> 10.77.0.11:80                Route   3      0          0         ",
            "  -> 10.77.0.12:8080              Masq    2      0          0         ",
            "  -> 10.77.0.13:80                Tunnel  1      0          0         ",
            "SCTP 10.77.0.101:3868 wlc persistent 60 mask 255.255.255.0",
            "UDP  [2001:db8:77::100]:53 sh persistent 300",
            "  -> [2001:db8:77::11]:53         Route   7      0          0         ",
            "FWM  5 rr",
            "  -> 10.77.0.21:0                 Route   1      0          0         ",
            "");

    @Test
    void sortsServicesAndDestinationsLikeIpvsadm() {
        Map<Service, List<Destination>> kernelOrder = new LinkedHashMap<>();
        kernelOrder.put(Service.builder(ServiceKey.parse("tcp:10.77.0.100:80")).scheduler("wrr").build(), List.of(
                Destination.builder(AddressLiterals.parseAddress("10.77.0.13"), 80).method(ForwardingMethod.TUNNEL).weight(1).build(),
                Destination.builder(AddressLiterals.parseAddress("10.77.0.12"), 8080).method(ForwardingMethod.MASQ).weight(2).build(),
                Destination.builder(AddressLiterals.parseAddress("10.77.0.11"), 80).weight(3).build()));
        kernelOrder.put(Service.builder(ServiceKey.parse("udp:[2001:db8:77::100]:53")).scheduler("sh").persistent(300).build(),
                List.of(Destination.builder(AddressLiterals.parseAddress("2001:db8:77::11"), 53).weight(7).build()));
        kernelOrder.put(Service.builder(ServiceKey.parse("sctp:10.77.0.101:3868")).scheduler("wlc").persistent(60)
                .netmask(0x00FFFFFF).build(), List.of());
        kernelOrder.put(Service.builder(ServiceKey.parse("fwm:5")).scheduler("rr").build(),
                List.of(Destination.builder(AddressLiterals.parseAddress("10.77.0.21"), 0).weight(1).build()));
        assertThat(IpvsTableFormat.format(new IpvsInfo(0x010201, 4096), IpvsTableFormat.sortLikeIpvsadm(kernelOrder)))
                .isEqualTo(IPVSADM_SORTED);
    }

    @Test
    void sortsAddressesWithLibipvsIntArithmetic() {
        Map<Service, List<Destination>> table = new LinkedHashMap<>();
        table.put(Service.builder(ServiceKey.parse("tcp:10.0.0.1:80")).build(), List.of(
                Destination.builder(AddressLiterals.parseAddress("10.0.0.2"), 80).build(),
                Destination.builder(AddressLiterals.parseAddress("200.0.0.2"), 80).build()));
        assertThat(IpvsTableFormat.sortLikeIpvsadm(table).values().iterator().next())
                .extracting(d -> d.address().getHostAddress()).containsExactly("200.0.0.2", "10.0.0.2");
    }

    @Test
    void printsPersistenceMaskAndOnePacketFlags() {
        Service masked = Service.builder(ServiceKey.parse("tcp:10.0.0.1:443")).scheduler("sh")
                .persistent(60).netmask(0x00FFFFFF).flags(0x1 | 0x4 | 0x8).build();
        assertThat(IpvsTableFormat.serviceLine(masked)).isEqualTo("TCP  10.0.0.1:443 sh persistent 60 mask 255.255.255.0 ops sh-fallback");
    }
}
