package io.lvsfeedback.netlink.ipvs;

import io.lvsfeedback.netlink.NetlinkException;
import io.lvsfeedback.netlink.internal.Message;
import io.lvsfeedback.netlink.internal.MessageParser;
import io.lvsfeedback.netlink.testing.Hex;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Garbage or corrupted kernel replies end in a decoded value or a NetlinkException, never anything else. */
class IpvsDecoderFuzzTest {

    @Property(tries = 1000)
    void randomPayloadsNeverCrashTheIpvsDecoders(@ForAll @Size(max = 300) byte[] garbage) {
        ByteBuffer datagram = ByteBuffer.allocate(16 + garbage.length).order(ByteOrder.nativeOrder());
        datagram.putInt(16 + garbage.length).putShort((short) 0x20).putShort((short) 2).putInt(1).putInt(0)
                .put(garbage).flip();
        decodeAll(datagram);
    }

    @Property(tries = 2000)
    void corruptedRealRepliesNeverCrashTheIpvsDecoders(@ForAll @IntRange(min = 16, max = 355) int position,
            @ForAll byte value, @ForAll boolean service) {
        byte[] reply = Hex.bytes(service ? IpvsCodecTest.SERVICE_REPLY : IpvsCodecTest.DESTINATION_REPLY);
        reply[Math.min(position, reply.length - 1)] = value;
        decodeAll(ByteBuffer.wrap(reply).order(ByteOrder.nativeOrder()));
    }

    private static void decodeAll(ByteBuffer datagram) {
        try {
            for (Message message : MessageParser.parse(datagram)) {
                tryDecode(() -> IpvsCodec.decodeService(message));
                tryDecode(() -> IpvsCodec.decodeDestination(message, false));
                tryDecode(() -> IpvsCodec.decodeDestination(message, true));
                tryDecode(() -> IpvsCodec.decodeInfo(message));
                tryDecode(() -> IpvsCodec.decodeFamilyId(message));
            }
        } catch (NetlinkException expected) {
            // a clear failure is fine
        }
    }

    private static void tryDecode(Runnable decode) {
        try {
            decode.run();
        } catch (NetlinkException expected) {
            // a clear failure is fine; any other exception fails the property
        }
    }
}
