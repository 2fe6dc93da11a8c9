package io.lvsfeedback.netlink.route;

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

/** Garbage or corrupted rtnetlink replies end in a decoded value or a NetlinkException, never anything else. */
class AddressDecoderFuzzTest {
    /** The kernel's RTM_NEWADDR for 10.9.9.9/32 on lo (see AddressCodecTest). */
    private static final String REPLY = "4c 00 00 00 14 00 22 00 f7 af 07 6b e1 32 00 00 "
            + "02 20 80 00 01 00 00 00 08 00 01 00 0a 09 09 09 08 00 02 00 0a 09 09 09 "
            + "07 00 03 00 6c 6f 00 00 08 00 08 00 80 00 00 00 "
            + "14 00 06 00 ff ff ff ff ff ff ff ff 52 6c 01 00 52 6c 01 00";

    @Property(tries = 1000)
    void randomPayloadsNeverCrashTheAddressDecoders(@ForAll @Size(max = 200) byte[] garbage, @ForAll boolean link) {
        ByteBuffer datagram = ByteBuffer.allocate(16 + garbage.length).order(ByteOrder.nativeOrder());
        datagram.putInt(16 + garbage.length).putShort((short) (link ? 16 : 20)).putShort((short) 2).putInt(1).putInt(0)
                .put(garbage).flip();
        decodeAll(datagram);
    }

    @Property(tries = 1000)
    void corruptedRealRepliesNeverCrashTheAddressDecoder(@ForAll @IntRange(min = 0, max = 75) int position,
            @ForAll byte value) {
        byte[] reply = Hex.bytes(REPLY);
        reply[position] = value;
        decodeAll(ByteBuffer.wrap(reply).order(ByteOrder.nativeOrder()));
    }

    private static void decodeAll(ByteBuffer datagram) {
        try {
            for (Message message : MessageParser.parse(datagram)) {
                try {
                    AddressCodec.decodeAddress(message);
                } catch (NetlinkException expected) {
                    // a clear failure is fine
                }
                try {
                    AddressCodec.decodeLinkIndex(message);
                } catch (NetlinkException expected) {
                    // a clear failure is fine
                }
            }
        } catch (NetlinkException expected) {
            // a clear failure is fine; any other exception fails the property
        }
    }
}
