package io.lvsfeedback.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.netlink.testing.Hex;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class MessageBuilderTest {

    @Test
    void padsAttributesAndMarksNestedOnes() {
        MessageBuilder builder = new MessageBuilder(0x21, Netlink.NLM_F_REQUEST);
        int nest = builder.beginNested(1);
        builder.attrU16BigEndian(4, 80).attrString(6, "rr");
        builder.endNested(nest);
        builder.attrU8(13, 1);
        assertThat(Hex.of(builder.build(7))).isEqualTo(
                "2c 00 00 00 21 00 01 00 07 00 00 00 00 00 00 00 "
                + "14 00 01 80 06 00 04 00 00 50 00 00 07 00 06 00 72 72 00 00 "
                + "05 00 0d 00 01 00 00 00");
    }

    @Test
    void attributesReadBackWhatTheBuilderWrote() {
        MessageBuilder builder = new MessageBuilder(0x21, 0)
                .attrU32(1, 0xFFFFFFFF).attrU16(2, 65535).attrU32Pair(3, 7, 9).attrString(4, "IPVS");
        ByteBuffer payload = MessageParser.parse(ByteBuffer.wrap(builder.build(1)).order(ByteOrder.nativeOrder()))
                .get(0).payload();
        Attributes attributes = Attributes.parse(payload, "test");
        assertThat(attributes.u32(1)).isEqualTo(0xFFFFFFFFL);
        assertThat(attributes.u16(2)).isEqualTo(65535);
        assertThat(attributes.u32At(3, 1)).isEqualTo(9);
        assertThat(attributes.string(4)).isEqualTo("IPVS");
    }

    @Test
    void growsPastItsInitialBuffer() {
        MessageBuilder builder = new MessageBuilder(0x21, 0);
        for (int i = 0; i < 200; i++) {
            builder.attrU32(1, i);
        }
        byte[] message = builder.build(1);
        assertThat(message).hasSize(16 + 200 * 8);
        assertThat(ByteBuffer.wrap(message).order(ByteOrder.nativeOrder()).getInt(0)).isEqualTo(message.length);
    }
}
