package io.lvsfeedback.netlink.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one netlink message: the 16-byte header, a fixed family header written with the raw
 * {@code u8/u16/u32} methods, then attributes (padded to 4 bytes, nested ones closed with
 * {@link #endNested}). Host byte order except where a method says big-endian.
 */
public final class MessageBuilder {
    private final int type;
    private final int flags;
    private ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

    public MessageBuilder(int type, int flags) {
        this.type = type;
        this.flags = flags;
        buffer.position(Netlink.HEADER_LENGTH);
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public MessageBuilder u8(int value) {
        ensure(1);
        buffer.put((byte) value);
        return this;
    }

    public MessageBuilder u16(int value) {
        ensure(2);
        buffer.putShort((short) value);
        return this;
    }

    public MessageBuilder u32(int value) {
        ensure(4);
        buffer.putInt(value);
        return this;
    }

    public MessageBuilder attrU8(int attrType, int value) {
        return attribute(attrType, new byte[] {(byte) value});
    }

    public MessageBuilder attrU16(int attrType, int value) {
        return attribute(attrType, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array());
    }

    /** A u16 in network byte order (IPVS ports). */
    public MessageBuilder attrU16BigEndian(int attrType, int value) {
        return attribute(attrType, new byte[] {(byte) (value >>> 8), (byte) value});
    }

    public MessageBuilder attrU32(int attrType, int value) {
        return attribute(attrType, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** Two u32 values in one attribute (IPVS service flags: value and mask). */
    public MessageBuilder attrU32Pair(int attrType, int first, int second) {
        return attribute(attrType, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(first).putInt(second).array());
    }

    /** A NUL-terminated string. */
    public MessageBuilder attrString(int attrType, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return attribute(attrType, Arrays.copyOf(bytes, bytes.length + 1));
    }

    public MessageBuilder attribute(int attrType, byte[] payload) {
        int length = Netlink.ATTRIBUTE_HEADER_LENGTH + payload.length;
        ensure(Netlink.align(length));
        buffer.putShort((short) length).putShort((short) attrType).put(payload);
        pad();
        return this;
    }

    /** Opens a nested attribute; returns the token for {@link #endNested}. */
    public int beginNested(int attrType) {
        ensure(Netlink.ATTRIBUTE_HEADER_LENGTH);
        int start = buffer.position();
        buffer.putShort((short) 0).putShort((short) (attrType | Netlink.NLA_F_NESTED));
        return start;
    }

    public MessageBuilder endNested(int start) {
        buffer.putShort(start, (short) (buffer.position() - start));
        return this;
    }

    /** The finished message with its length, sequence number and port id (0: the kernel fills it). */
    public byte[] build(int sequence) {
        int length = buffer.position();
        ByteBuffer out = buffer.duplicate().order(ByteOrder.nativeOrder());
        out.putInt(0, length).putShort(4, (short) type).putShort(6, (short) flags).putInt(8, sequence).putInt(12, 0);
        return Arrays.copyOf(buffer.array(), length);
    }

    private void pad() {
        while ((buffer.position() & 3) != 0) {
            buffer.put((byte) 0);
        }
    }

    private void ensure(int more) {
        if (buffer.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more))
                    .order(ByteOrder.nativeOrder());
            bigger.put(buffer.array(), 0, buffer.position());
            buffer = bigger;
        }
    }
}
