package io.lvsfeedback.netlink.internal;

import io.lvsfeedback.netlink.MalformedMessageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Splits a received datagram into messages, rejecting any header whose length does not fit. */
public final class MessageParser {
    private MessageParser() {
    }

    public static List<Message> parse(ByteBuffer datagram) {
        ByteBuffer in = datagram.duplicate().order(ByteOrder.nativeOrder());
        List<Message> messages = new ArrayList<>();
        int offset = in.position();
        int end = in.limit();
        while (offset < end) {
            if (end - offset < Netlink.HEADER_LENGTH) {
                throw new MalformedMessageException(0, "netlink datagram has " + (end - offset)
                        + " trailing bytes, too few for a message header");
            }
            int length = in.getInt(offset);
            if (length < Netlink.HEADER_LENGTH || length > end - offset) {
                throw new MalformedMessageException(0, "netlink message at offset " + offset + " claims length "
                        + Integer.toUnsignedString(length) + " but " + (end - offset) + " bytes remain");
            }
            int type = in.getShort(offset + 4) & 0xFFFF;
            int flags = in.getShort(offset + 6) & 0xFFFF;
            int sequence = in.getInt(offset + 8);
            int portId = in.getInt(offset + 12);
            ByteBuffer payload = slice(in, offset + Netlink.HEADER_LENGTH, length - Netlink.HEADER_LENGTH);
            messages.add(new Message(type, flags, sequence, portId, payload));
            offset += Math.min(Netlink.align(length), end - offset);
        }
        return messages;
    }

    static ByteBuffer slice(ByteBuffer source, int offset, int length) {
        ByteBuffer view = source.duplicate();
        view.limit(offset + length).position(offset);
        return view.slice().order(ByteOrder.nativeOrder()).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }
}
