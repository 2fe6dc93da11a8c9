package io.lvsfeedback.netlink.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lvsfeedback.netlink.MalformedMessageException;
import io.lvsfeedback.netlink.internal.Attributes;
import io.lvsfeedback.netlink.internal.Message;
import io.lvsfeedback.netlink.internal.MessageParser;
import io.lvsfeedback.netlink.testing.Hex;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact fixtures. Requests marked "as ipvsadm" are byte for byte what ipvsadm 1.31 sent to the
 * lab kernel (strace -xx, sequence number aside); replies are what the lab's 6.1 kernel sent back.
 */
class IpvsCodecTest {
    private static final int FAMILY = 0x20;
    private static final String HEADER_ACK = "20 00 05 00 07 00 00 00 00 00 00 00 ";

    /** Kernel reply to GET_SERVICE dump: udp [2001:db8:77::100]:53 sh persistent 300 (flags 3 = PERSISTENT|HASHED). */
    static final String SERVICE_REPLY = "40 01 00 00 20 00 02 00 01 00 00 00 00 00 00 00 "
            + "01 01 00 00 2c 01 01 00 06 00 01 00 0a 00 00 00 06 00 02 00 11 00 00 00 14 00 03 00 20 01 0d b8 00 77 00 00 00 00 00 00 00 00 01 00 06 00 04 00 "
            + "00 35 00 00 07 00 06 00 73 68 00 00 0c 00 07 00 03 00 00 00 ff ff ff ff 08 00 08 00 2c 01 00 00 08 00 09 00 80 00 00 00 5c 00 0a 00 08 00 01 00 "
            + "00 00 00 00 08 00 02 00 00 00 00 00 08 00 03 00 00 00 00 00 0c 00 04 00 00 00 00 00 00 00 00 00 0c 00 05 00 00 00 00 00 00 00 00 00 08 00 06 00 "
            + "00 00 00 00 08 00 07 00 00 00 00 00 08 00 08 00 00 00 00 00 08 00 09 00 00 00 00 00 08 00 0a 00 00 00 00 00 7c 00 0c 00 0c 00 01 00 00 00 00 00 "
            + "00 00 00 00 0c 00 02 00 00 00 00 00 00 00 00 00 0c 00 03 00 00 00 00 00 00 00 00 00 0c 00 04 00 00 00 00 00 00 00 00 00 0c 00 05 00 00 00 00 00 "
            + "00 00 00 00 0c 00 06 00 00 00 00 00 00 00 00 00 0c 00 07 00 00 00 00 00 00 00 00 00 0c 00 08 00 00 00 00 00 00 00 00 00 0c 00 09 00 00 00 00 00 "
            + "00 00 00 00 0c 00 0a 00 00 00 00 00 00 00 00 00 ";

    /** Kernel reply to GET_DEST dump: 10.77.0.13:80 Tunnel weight 1, GUE port 6080. */
    static final String DESTINATION_REPLY = "64 01 00 00 20 00 02 00 01 00 00 00 00 00 00 00 "
            + "05 01 00 00 50 01 02 00 14 00 01 00 0a 4d 00 0d 00 00 00 00 00 00 00 00 00 00 00 00 06 00 02 00 00 50 00 00 08 00 03 00 02 00 00 00 08 00 04 00 "
            + "01 00 00 00 05 00 0d 00 01 00 00 00 06 00 0e 00 17 c0 00 00 06 00 0f 00 00 00 00 00 08 00 05 00 00 00 00 00 08 00 06 00 00 00 00 00 08 00 07 00 "
            + "00 00 00 00 08 00 08 00 00 00 00 00 08 00 09 00 00 00 00 00 06 00 0b 00 02 00 00 00 5c 00 0a 00 08 00 01 00 00 00 00 00 08 00 02 00 00 00 00 00 "
            + "08 00 03 00 00 00 00 00 0c 00 04 00 00 00 00 00 00 00 00 00 0c 00 05 00 00 00 00 00 00 00 00 00 08 00 06 00 00 00 00 00 08 00 07 00 00 00 00 00 "
            + "08 00 08 00 00 00 00 00 08 00 09 00 00 00 00 00 08 00 0a 00 00 00 00 00 7c 00 0c 00 0c 00 01 00 00 00 00 00 00 00 00 00 0c 00 02 00 00 00 00 00 "
            + "00 00 00 00 0c 00 03 00 00 00 00 00 00 00 00 00 0c 00 04 00 00 00 00 00 00 00 00 00 0c 00 05 00 00 00 00 00 00 00 00 00 0c 00 06 00 00 00 00 00 "
            + "00 00 00 00 0c 00 07 00 00 00 00 00 00 00 00 00 0c 00 08 00 00 00 00 00 00 00 00 00 0c 00 09 00 00 00 00 00 00 00 00 00 0c 00 0a 00 00 00 00 00 "
            + "00 00 00 00 ";

    @Test
    void newTcpServiceIsWhatIpvsadmSends() throws Exception {
        Service service = Service.builder(ServiceKey.parse("tcp:10.77.0.100:80")).scheduler("wrr").build();
        assertThat(Hex.of(IpvsCodec.newService(FAMILY, service).build(7))).isEqualTo(
                "68 00 00 00 " + HEADER_ACK
                + "01 01 00 00 54 00 01 80 06 00 01 00 02 00 00 00 06 00 02 00 06 00 00 00 "
                + "14 00 03 00 0a 4d 00 64 00 00 00 00 00 00 00 00 00 00 00 00 06 00 04 00 00 50 00 00 "
                + "08 00 06 00 77 72 72 00 0c 00 07 00 00 00 00 00 ff ff ff ff "
                + "08 00 08 00 00 00 00 00 08 00 09 00 ff ff ff ff");
    }

    @Test
    void newFirewallMarkServiceIsWhatIpvsadmSends() {
        Service service = Service.builder(ServiceKey.parse("fwm:5")).scheduler("rr").build();
        assertThat(Hex.of(IpvsCodec.newService(FAMILY, service).build(7))).isEqualTo(
                "4c 00 00 00 " + HEADER_ACK
                + "01 01 00 00 38 00 01 80 06 00 01 00 02 00 00 00 08 00 05 00 05 00 00 00 "
                + "07 00 06 00 72 72 00 00 0c 00 07 00 00 00 00 00 ff ff ff ff "
                + "08 00 08 00 00 00 00 00 08 00 09 00 ff ff ff ff");
    }

    @Test
    void newPersistentIpv6ServiceIsWhatIpvsadmSends() {
        Service service = Service.builder(ServiceKey.parse("udp:[2001:db8:77::100]:53")).scheduler("sh")
                .persistent(300).build();
        assertThat(Hex.of(IpvsCodec.newService(FAMILY, service).build(7))).isEqualTo(
                "68 00 00 00 " + HEADER_ACK
                + "01 01 00 00 54 00 01 80 06 00 01 00 0a 00 00 00 06 00 02 00 11 00 00 00 "
                + "14 00 03 00 20 01 0d b8 00 77 00 00 00 00 00 00 00 00 01 00 06 00 04 00 00 35 00 00 "
                + "07 00 06 00 73 68 00 00 0c 00 07 00 01 00 00 00 ff ff ff ff "
                + "08 00 08 00 2c 01 00 00 08 00 09 00 80 00 00 00");
    }

    @Test
    void destinationDumpNamesTheServiceLikeIpvsadmButWithoutAck() {
        assertThat(Hex.of(IpvsCodec.dumpDestinations(FAMILY, ServiceKey.parse("tcp:10.77.0.100:80")).build(7)))
                .isEqualTo("44 00 00 00 20 00 01 03 07 00 00 00 00 00 00 00 "
                        + "08 01 00 00 30 00 01 80 06 00 01 00 02 00 00 00 06 00 02 00 06 00 00 00 "
                        + "14 00 03 00 0a 4d 00 64 00 00 00 00 00 00 00 00 00 00 00 00 06 00 04 00 00 50 00 00");
    }

    /** get and delete name the service as the dump does: only the command and the ACK flag differ. */
    @Test
    void getAndDeleteServiceCarryOnlyTheServiceIdentity() {
        String identity = "30 00 01 80 06 00 01 00 02 00 00 00 06 00 02 00 06 00 00 00 "
                + "14 00 03 00 0a 4d 00 64 00 00 00 00 00 00 00 00 00 00 00 00 06 00 04 00 00 50 00 00";
        ServiceKey key = ServiceKey.parse("tcp:10.77.0.100:80");
        assertThat(Hex.of(IpvsCodec.getService(FAMILY, key).build(7)))
                .isEqualTo("44 00 00 00 " + HEADER_ACK + "04 01 00 00 " + identity);
        assertThat(Hex.of(IpvsCodec.deleteService(FAMILY, key).build(7)))
                .isEqualTo("44 00 00 00 " + HEADER_ACK + "03 01 00 00 " + identity);
    }

    @Test
    void setDestinationCarriesMethodWeightThresholdsAndTunnelSettings() throws Exception {
        Destination tunnel = Destination.builder(InetAddress.getByName("10.77.0.13"), 80)
                .method(ForwardingMethod.TUNNEL).weight(1).thresholds(100, 10)
                .tunnel(TunnelType.GUE, 6080, 1).build();
        byte[] message = IpvsCodec.setDestination(FAMILY, ServiceKey.parse("tcp:10.77.0.100:80"), tunnel.withWeight(9))
                .build(7);
        assertThat(Hex.of(message)).isEqualTo(
                "a4 00 00 00 " + HEADER_ACK
                + "06 01 00 00 30 00 01 80 06 00 01 00 02 00 00 00 06 00 02 00 06 00 00 00 "
                + "14 00 03 00 0a 4d 00 64 00 00 00 00 00 00 00 00 00 00 00 00 06 00 04 00 00 50 00 00 "
                + "60 00 02 80 14 00 01 00 0a 4d 00 0d 00 00 00 00 00 00 00 00 00 00 00 00 "
                + "06 00 02 00 00 50 00 00 06 00 0b 00 02 00 00 00 "
                + "08 00 03 00 02 00 00 00 08 00 04 00 09 00 00 00 08 00 05 00 64 00 00 00 08 00 06 00 0a 00 00 00 "
                + "05 00 0d 00 01 00 00 00 06 00 0e 00 17 c0 00 00 06 00 0f 00 01 00 00 00");
    }

    @Test
    void setDestinationOfADirectRoutedServerOmitsTunnelAttributes() throws Exception {
        Destination direct = Destination.builder(InetAddress.getByName("10.77.0.11"), 80).weight(3).build();
        Message message = MessageParser.parse(ByteBuffer.wrap(
                IpvsCodec.setDestination(FAMILY, ServiceKey.parse("tcp:10.77.0.100:80"), direct).build(1))
                .order(ByteOrder.nativeOrder())).get(0);
        ByteBuffer payload = message.payload();
        payload.position(4);
        Attributes dest = Attributes.parse(payload, "test").nested(IpvsConstants.CMD_ATTR_DEST);
        assertThat(dest.u32(IpvsConstants.DEST_ATTR_FWD_METHOD)).isEqualTo(3);
        assertThat(dest.has(IpvsConstants.DEST_ATTR_TUN_TYPE)).isFalse();
        assertThat(dest.has(IpvsConstants.DEST_ATTR_U_THRESH)).isTrue();
    }

    @Test
    void decodesTheKernelsServiceReply() throws Exception {
        Service service = IpvsCodec.decodeService(MessageParser.parse(Hex.buffer(SERVICE_REPLY)).get(0));
        assertThat(service.toString()).isEqualTo("udp:[2001:db8:77::100]:53");
        assertThat(service.address()).isEqualTo(InetAddress.getByName("2001:db8:77::100"));
        assertThat(service.scheduler()).isEqualTo("sh");
        assertThat(service.isPersistent()).isTrue();
        assertThat(service.flags()).as("HASHED is the kernel's, not the user's").isEqualTo(Service.FLAG_PERSISTENT);
        assertThat(service.timeoutSeconds()).isEqualTo(300);
        assertThat(service.netmask()).isEqualTo(128);
        assertThat(service.stats().connections()).isZero();
    }

    @Test
    void decodesTheKernelsDestinationReply() throws Exception {
        Destination dest = IpvsCodec.decodeDestination(MessageParser.parse(Hex.buffer(DESTINATION_REPLY)).get(0), false);
        assertThat(dest.address()).isEqualTo(InetAddress.getByName("10.77.0.13"));
        assertThat(dest.port()).isEqualTo(80);
        assertThat(dest.method()).isEqualTo(ForwardingMethod.TUNNEL);
        assertThat(dest.weight()).isEqualTo(1);
        assertThat(dest.tunnelType()).isEqualTo(TunnelType.GUE);
        assertThat(dest.tunnelPort()).isEqualTo(6080);
        assertThat(dest.tunnelFlags()).isZero();
        assertThat(dest.upperThreshold()).isZero();
        assertThat(dest.activeConnections()).isZero();
    }

    @Test
    void decodesInfo() {
        IpvsInfo info = IpvsCodec.decodeInfo(MessageParser.parse(Hex.buffer(
                "24 00 00 00 20 00 00 00 01 00 00 00 00 00 00 00 "
                + "0e 01 00 00 08 00 01 00 01 02 01 00 08 00 02 00 00 10 00 00")).get(0));
        assertThat(info.version()).isEqualTo("1.2.1");
        assertThat(info.connectionTableSize()).isEqualTo(4096);
    }

    @Test
    void familyLookupIsWhatIpvsadmSends() {
        assertThat(Hex.of(IpvsCodec.resolveFamily().build(7))).isEqualTo(
                "20 00 00 00 10 00 05 00 07 00 00 00 00 00 00 00 03 01 00 00 09 00 02 00 49 50 56 53 00 00 00 00");
    }

    @Test
    void anUnknownForwardingMethodIsAMalformedReplyNotAnIllegalArgument() {
        String reply = DESTINATION_REPLY.replace("08 00 03 00 02 00 00 00", "08 00 03 00 07 00 00 00");
        assertThat(reply).isNotEqualTo(DESTINATION_REPLY);
        assertThatThrownBy(() -> IpvsCodec.decodeDestination(MessageParser.parse(Hex.buffer(reply)).get(0), false))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("forwarding method 7");
    }
}
