package io.lvsfeedback.netlink.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ServiceKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"tcp:10.0.0.1:80", "udp:[2001:db8::1]:53", "sctp:192.168.1.1:3868", "fwm:5",
            "fwm6:4294967295", "tcp:[::1]:0", "udp:[2001:db8:0:1::5]:65535"})
    void parsesAndPrintsTheCliForm(String text) {
        assertThat(ServiceKey.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void parsedPartsAreTheKernelIdentity() throws Exception {
        ServiceKey key = ServiceKey.parse("udp:[2001:db8::1]:53");
        assertThat(key.protocol()).isEqualTo(Protocol.UDP);
        assertThat(key.address()).isEqualTo(InetAddress.getByName("2001:db8::1"));
        assertThat(key.port()).isEqualTo(53);
        assertThat(key.isIpv6()).isTrue();
        ServiceKey mark = ServiceKey.parse("FWM:7");
        assertThat(mark.isFirewallMark()).isTrue();
        assertThat(mark.firewallMarkValue()).isEqualTo(7);
        assertThat(mark.isIpv6()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http:10.0.0.1:80|unknown kind 'http'",
            "tcp:10.0.0.1|not ADDRESS:PORT",
            "tcp:10.0.0.1:99999|bad port '99999'",
            "tcp:10.0.0.300:80|not a numeric IPv4 or IPv6 address",
            "tcp:example.com:80|'example.com' is not a numeric",
            "tcp:2001:db8::1:80|not ADDRESS:PORT",
            "fwm:0|bad firewall mark '0'",
            "fwm:x|bad firewall mark 'x'",
            "10.0.0.1|bad service '10.0.0.1'"})
    void badFormsAreRejectedNamingTheBadPart(String text, String message) {
        assertThatThrownBy(() -> ServiceKey.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void ipv6IsPrintedCompressedLikeIpvsadm() throws Exception {
        assertThat(AddressLiterals.format(InetAddress.getByName("2001:db8:0:0:1:0:0:5"), 80)).isEqualTo("[2001:db8::1:0:0:5]:80");
        assertThat(AddressLiterals.format(InetAddress.getByName("::"), 1)).isEqualTo("[::]:1");
        assertThat(AddressLiterals.format(InetAddress.getByName("fe80::1"), 1)).isEqualTo("[fe80::1]:1");
        assertThat(AddressLiterals.format(InetAddress.getByName("2001:db8:1:2:3:4:5:6"), 1)).isEqualTo("[2001:db8:1:2:3:4:5:6]:1");
    }

    @Property(tries = 500)
    void anyTextEitherParsesOrFailsWithIllegalArgument(@ForAll String text) {
        try {
            ServiceKey key = ServiceKey.parse(text);
            assertThat(ServiceKey.parse(key.toString())).isEqualTo(key);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
