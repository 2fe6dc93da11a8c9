package io.lvsfeedback.bridge.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationKeyTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "10.0.0.2:80, 10.0.0.2:80",
            "10.0.0.2:0, 10.0.0.2:0", // firewall-mark services' destinations may have port 0
            "[2001:db8::2]:80, [2001:db8::2]:80",
            "[2001:DB8:0:0::2]:443, [2001:db8::2]:443"})
    void parsesToTheFormIpvsadmPrints(String text, String canonical) {
        assertThat(DestinationKey.parse(text).toString()).isEqualTo(canonical);
        assertThat(DestinationKey.parse(text)).isEqualTo(DestinationKey.parse(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.2", "host:80", "10.0.0.2:65536", "10.0.0.2:-1", "2001:db8::2:80", "[2001:db8::2]", "10.0.0.256:80"})
    void badTextIsRejectedNamingIt(String text) {
        assertThatThrownBy(() -> DestinationKey.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad destination '" + text + "': ");
    }

    @Property
    void theTextFormParsesBackToTheSameKey(@ForAll("addresses") InetAddress address, @ForAll @IntRange(max = 65535) int port) {
        DestinationKey key = new DestinationKey(address, port);
        assertThat(DestinationKey.parse(key.toString())).isEqualTo(key);
    }

    @Property
    void anyTextParsesOrFailsWithIllegalArgument(@ForAll String text) {
        try {
            DestinationKey.parse(text);
        } catch (IllegalArgumentException expected) {
            // the parser's one error type
        }
    }

    @Provide
    Arbitrary<InetAddress> addresses() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.bytes().array(byte[].class).ofSize(16)).map(DestinationKeyTest::address);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
