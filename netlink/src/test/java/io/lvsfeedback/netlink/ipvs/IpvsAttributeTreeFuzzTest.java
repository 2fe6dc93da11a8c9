package io.lvsfeedback.netlink.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.netlink.NetlinkException;
import io.lvsfeedback.netlink.internal.Message;
import io.lvsfeedback.netlink.internal.MessageParser;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Kernel-shaped replies: every attribute of a service or destination present with a plausible,
 * random or missing value. Unlike random bytes these get past "missing attribute" to the decoders'
 * field checks (families, protocols, methods, names, stats). Each decode gives a value or a
 * NetlinkException, nothing else.
 */
class IpvsAttributeTreeFuzzTest {
    private static final int NESTED = 0x8000;

    @Property(tries = 2000)
    void kernelShapedRepliesDecodeOrGiveNetlinkExceptions(@ForAll("replies") byte[] attributes) {
        ByteBuffer datagram = ByteBuffer.allocate(20 + attributes.length).order(ByteOrder.nativeOrder());
        datagram.putInt(20 + attributes.length).putShort((short) 0x20).putShort((short) 2).putInt(1).putInt(0)
                .put((byte) 1).put((byte) 1).putShort((short) 0).put(attributes).flip();
        List<Message> messages;
        try {
            messages = MessageParser.parse(datagram);
        } catch (NetlinkException expected) {
            return;
        }
        for (Message m : messages) {
            decodes(() -> IpvsCodec.decodeService(m));
            decodes(() -> IpvsCodec.decodeDestination(m, false));
            decodes(() -> IpvsCodec.decodeDestination(m, true));
            decodes(() -> IpvsCodec.decodeInfo(m));
            decodes(() -> IpvsCodec.decodeFamilyId(m));
        }
    }

    private static void decodes(Supplier<Object> decode) {
        try {
            assertThat(decode.get()).isNotNull();
        } catch (NetlinkException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<byte[]> replies() {
        Arbitrary<byte[]> service = fields(List.of(family(), u16Of(6, 17, 132, 0, 255), bytes(16), bytes(2),
                u32Of(0, 1, -1), name(), bytes(8), u32Of(0, 1, 300), u32Of(0, -1), stats(), name(), stats()));
        Arbitrary<byte[]> destination = fields(List.of(bytes(16), bytes(2), u32Of(0, 1, 2, 3, 4, 7, -1),
                u32Of(0, 1, 100, -1), u32Of(0, -1), u32Of(0, -1), u32Of(0, 5), u32Of(0, 5), u32Of(0, 5), stats(),
                family(), stats(), u8Of(0, 1, 2, 3), bytes(2), u16Of(0, 1, 2, 3)));
        return Arbitraries.oneOf(
                service.map(body -> attribute(IpvsConstants.CMD_ATTR_SERVICE | NESTED, body)),
                destination.map(body -> attribute(IpvsConstants.CMD_ATTR_DEST | NESTED, body)));
    }

    /** Attribute {@code i + 1} from {@code values.get(i)}: plausible mostly, else random bytes or absent. */
    private static Arbitrary<byte[]> fields(List<Arbitrary<byte[]>> values) {
        List<Arbitrary<byte[]>> attributes = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            int type = i + 1;
            attributes.add(Arbitraries.frequencyOf(
                    Tuple.of(8, values.get(i).map(v -> attribute(type, v))),
                    Tuple.of(1, randomBytes().map(v -> attribute(type, v))),
                    Tuple.of(1, Arbitraries.just(new byte[0]))));
        }
        return Combinators.combine(attributes).as(IpvsAttributeTreeFuzzTest::concat);
    }

    private static Arbitrary<byte[]> stats() {
        Arbitrary<byte[]> counter = Arbitraries.of(4, 8, 3).flatMap(IpvsAttributeTreeFuzzTest::bytes);
        return Combinators.combine(Arbitraries.integers().between(0, 11), counter)
                .as(IpvsAttributeTreeFuzzTest::attribute).list().ofMaxSize(11).map(IpvsAttributeTreeFuzzTest::concat);
    }

    private static Arbitrary<byte[]> family() {
        return u16Of(2, 10, 0, 1);
    }

    private static Arbitrary<byte[]> name() {
        return Arbitraries.strings().ofMaxLength(20).map(s -> (s + "\0").getBytes(StandardCharsets.UTF_8));
    }

    private static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.of(0, 1, 2, 3, 4, 8, 16, 20).flatMap(IpvsAttributeTreeFuzzTest::bytes);
    }

    private static Arbitrary<byte[]> bytes(int n) {
        return Arbitraries.bytes().array(byte[].class).ofSize(n);
    }

    private static Arbitrary<byte[]> u8Of(Integer... values) {
        return Arbitraries.of(values).map(v -> new byte[] {(byte) (int) v});
    }

    private static Arbitrary<byte[]> u16Of(Integer... values) {
        return Arbitraries.of(values).map(v -> ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) (int) v).array());
    }

    private static Arbitrary<byte[]> u32Of(Integer... values) {
        return Arbitraries.of(values).map(v -> ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array());
    }

    private static byte[] attribute(int type, byte[] payload) {
        int length = 4 + payload.length;
        ByteBuffer b = ByteBuffer.allocate((length + 3) & ~3).order(ByteOrder.nativeOrder());
        b.putShort((short) length).putShort((short) type).put(payload);
        return b.array();
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
