package io.lvsfeedback.netlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lvsfeedback.netlink.MalformedMessageException;
import io.lvsfeedback.netlink.internal.Message;
import io.lvsfeedback.netlink.internal.MessageParser;
import io.lvsfeedback.netlink.testing.Hex;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Byte-exact fixtures: the requests are what strace showed ip(8) send, the reply what the kernel sent. */
class AddressCodecTest {

    @Test
    void ipv4AddRequestIsWhatIpAddrAddSends() throws Exception {
        byte[] message = AddressCodec.addAddress(1, InetAddress.getByName("10.9.9.9")).build(0x6b07af3f);
        assertThat(Hex.of(message)).isEqualTo(
                "28 00 00 00 14 00 05 06 3f af 07 6b 00 00 00 00 "
                + "02 20 00 00 01 00 00 00 08 00 02 00 0a 09 09 09 08 00 01 00 0a 09 09 09");
    }

    @Test
    void ipv6AddRequestIsWhatIpAddrAddSends() throws Exception {
        byte[] message = AddressCodec.addAddress(1, InetAddress.getByName("2001:db8::9")).build(1);
        assertThat(Hex.of(message)).isEqualTo(
                "40 00 00 00 14 00 05 06 01 00 00 00 00 00 00 00 "
                + "0a 80 00 00 01 00 00 00 "
                + "14 00 02 00 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 09 "
                + "14 00 01 00 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 09");
    }

    @Test
    void deleteRequestNamesTheHostAddressWithoutCreateFlags() throws Exception {
        byte[] message = AddressCodec.deleteAddress(3, InetAddress.getByName("10.9.9.9")).build(2);
        assertThat(Hex.of(message)).isEqualTo(
                "28 00 00 00 15 00 05 00 02 00 00 00 00 00 00 00 "
                + "02 20 00 00 03 00 00 00 08 00 02 00 0a 09 09 09 08 00 01 00 0a 09 09 09");
    }

    @Test
    void linkLookupSendsTheNameAsIflaIfname() {
        byte[] message = AddressCodec.getLink("lo").build(3);
        assertThat(Hex.of(message)).isEqualTo(
                "28 00 00 00 12 00 05 00 03 00 00 00 00 00 00 00 "
                + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 07 00 03 00 6c 6f 00 00");
    }

    @Test
    void decodesTheKernelsAddressDumpEntry() throws Exception {
        Message message = MessageParser.parse(Hex.buffer(
                "4c 00 00 00 14 00 22 00 f7 af 07 6b e1 32 00 00 "
                + "02 20 80 00 01 00 00 00 08 00 01 00 0a 09 09 09 08 00 02 00 0a 09 09 09 "
                + "07 00 03 00 6c 6f 00 00 08 00 08 00 80 00 00 00 "
                + "14 00 06 00 ff ff ff ff ff ff ff ff 52 6c 01 00 52 6c 01 00")).get(0);
        InterfaceAddress entry = AddressCodec.decodeAddress(message);
        assertThat(entry.ifindex).isEqualTo(1);
        assertThat(entry.address).isEqualTo(InetAddress.getByName("10.9.9.9"));
        assertThat(entry.prefixLength).isEqualTo(32);
        assertThat(entry.scope).isZero();
    }

    @Test
    void decodesAnIpv6EntryThatOnlyHasIfaAddress() throws Exception {
        Message message = MessageParser.parse(Hex.buffer(
                "2c 00 00 00 14 00 02 00 01 00 00 00 00 00 00 00 "
                + "0a 80 80 00 07 00 00 00 "
                + "14 00 01 00 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 09")).get(0);
        InterfaceAddress entry = AddressCodec.decodeAddress(message);
        assertThat(entry.ifindex).isEqualTo(7);
        assertThat(entry.address).isEqualTo(InetAddress.getByName("2001:db8::9"));
        assertThat(entry.prefixLength).isEqualTo(128);
    }

    @Test
    void truncatedAddressAttributeIsReportedNotCrashed() {
        Message message = MessageParser.parse(Hex.buffer(
                "20 00 00 00 14 00 02 00 01 00 00 00 00 00 00 00 "
                + "02 20 00 00 01 00 00 00 06 00 02 00 0a 09 00 00")).get(0);
        assertThatThrownBy(() -> AddressCodec.decodeAddress(message))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("attribute 2 has 2 bytes, needs 4");
    }

    @Test
    void decodesTheIndexOfALinkReply() {
        Message message = MessageParser.parse(Hex.buffer(
                "20 00 00 00 10 00 00 00 03 00 00 00 00 00 00 00 "
                + "00 00 04 03 05 00 00 00 08 00 00 00 00 00 00 00")).get(0);
        assertThat(AddressCodec.decodeLinkIndex(message)).isEqualTo(5);
    }
}
