package io.lvsfeedback.agent.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {
    @ParameterizedTest
    @CsvSource({
        "10.0.0.10, 10.0.0.10",
        "fd00:0:0:0:0:0:0:10, fd00::10",
        "0:0:0:0:0:0:0:1, ::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1"
    })
    void formatsLikeIp(String literal, String expected) throws Exception {
        assertThat(Addresses.format(InetAddress.getByName(literal))).isEqualTo(expected);
    }

    @Property
    void ipv6FormatParsesBackToTheSameAddress(@ForAll @Size(16) byte[] bytes) throws Exception {
        InetAddress address = InetAddress.getByAddress(bytes);
        String text = Addresses.format(address);
        assertThat(InetAddress.getByName(text)).isEqualTo(address);
        assertThat(text).doesNotContain(":::");
    }
}
