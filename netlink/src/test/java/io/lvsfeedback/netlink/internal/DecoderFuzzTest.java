package io.lvsfeedback.netlink.internal;

import io.lvsfeedback.netlink.NetlinkException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Random bytes given to the generic decoders end in a result or a NetlinkException, nothing else. */
class DecoderFuzzTest {

    @Property(tries = 2000)
    void garbageDatagramsNeverCrashTheParser(@ForAll @Size(max = 200) byte[] garbage) {
        decodeEverything(ByteBuffer.wrap(garbage).order(ByteOrder.nativeOrder()));
    }

    @Property(tries = 2000)
    void garbageBehindAValidHeaderNeverCrashesTheParser(@ForAll @Size(max = 200) byte[] garbage,
            @ForAll short type, @ForAll short flags) {
        ByteBuffer datagram = ByteBuffer.allocate(16 + garbage.length).order(ByteOrder.nativeOrder());
        datagram.putInt(16 + garbage.length).putShort(type).putShort(flags).putInt(1).putInt(0).put(garbage).flip();
        decodeEverything(datagram);
    }

    static void decodeEverything(ByteBuffer datagram) {
        try {
            for (Message message : MessageParser.parse(datagram)) {
                try {
                    NetlinkConnection.decodeError(message);
                } catch (NetlinkException expected) {
                    // a clear failure is fine
                }
                Attributes attributes = Attributes.parse(message.payload(), "fuzz");
                for (int type = 0; type < 16; type++) {
                    if (attributes.has(type)) {
                        try {
                            attributes.u64(type);
                            attributes.string(type);
                            attributes.nested(type);
                        } catch (NetlinkException expected) {
                            // a clear failure is fine
                        }
                    }
                }
            }
        } catch (NetlinkException expected) {
            // a clear failure is fine; anything else fails the property
        }
    }
}
