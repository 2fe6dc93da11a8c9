package io.lvsfeedback.netlink.internal;

import io.lvsfeedback.netlink.MalformedMessageException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The attributes of one message or nested attribute, by type (flag bits masked off; a repeated
 * type keeps its last value). Every getter checks the payload length and throws
 * {@link MalformedMessageException} naming the attribute, so bad input never escapes as an
 * unchecked buffer error.
 */
public final class Attributes {
    private final String context;
    private final Map<Integer, ByteBuffer> byType;

    private Attributes(String context, Map<Integer, ByteBuffer> byType) {
        this.context = context;
        this.byType = byType;
    }

    /** Parses attributes from the buffer's position to its limit; {@code context} names them in errors. */
    public static Attributes parse(ByteBuffer region, String context) {
        Map<Integer, ByteBuffer> byType = new HashMap<>();
        int offset = region.position();
        int end = region.limit();
        while (end - offset >= Netlink.ATTRIBUTE_HEADER_LENGTH) {
            int length = region.getShort(offset) & 0xFFFF;
            int type = region.getShort(offset + 2) & Netlink.NLA_TYPE_MASK;
            if (length < Netlink.ATTRIBUTE_HEADER_LENGTH || length > end - offset) {
                throw new MalformedMessageException(0, context + ": attribute " + type + " at offset " + offset
                        + " claims length " + length + " but " + (end - offset) + " bytes remain");
            }
            byType.put(type, MessageParser.slice(region, offset + Netlink.ATTRIBUTE_HEADER_LENGTH,
                    length - Netlink.ATTRIBUTE_HEADER_LENGTH));
            offset += Math.min(Netlink.align(length), end - offset);
        }
        return new Attributes(context, byType);
    }

    public boolean has(int type) {
        return byType.containsKey(type);
    }

    public int u8(int type) {
        return payload(type, 1).get(0) & 0xFF;
    }

    public int u16(int type) {
        return payload(type, 2).getShort(0) & 0xFFFF;
    }

    public int u16BigEndian(int type) {
        ByteBuffer value = payload(type, 2);
        return ((value.get(0) & 0xFF) << 8) | (value.get(1) & 0xFF);
    }

    /** A u32 as a non-negative long. */
    public long u32(int type) {
        return payload(type, 4).getInt(0) & 0xFFFFFFFFL;
    }

    /** A u32 the kernel keeps as an int (weights, thresholds): the raw 32 bits. */
    public int s32(int type) {
        return payload(type, 4).getInt(0);
    }

    public long u64(int type) {
        return payload(type, 8).getLong(0);
    }

    /** The second u32 of a two-u32 attribute (IPVS flags: value, mask). */
    public long u32At(int type, int index) {
        return payload(type, 4 * (index + 1)).getInt(4 * index) & 0xFFFFFFFFL;
    }

    /** A string up to its first NUL (or the attribute's end). */
    public String string(int type) {
        ByteBuffer value = payload(type, 0);
        int length = 0;
        while (length < value.limit() && value.get(length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        value.get(bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public byte[] bytes(int type) {
        ByteBuffer value = payload(type, 0);
        byte[] bytes = new byte[value.limit()];
        value.get(bytes);
        return bytes;
    }

    /** The first 4 (IPv4) or 16 (IPv6) bytes of an address attribute, whose payload may be longer. */
    public InetAddress address(int type, int addressLength) {
        ByteBuffer value = payload(type, addressLength);
        byte[] raw = new byte[addressLength];
        value.get(raw, 0, addressLength);
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new MalformedMessageException(0, context + ": attribute " + type + " is not an address");
        }
    }

    public Attributes nested(int type) {
        ByteBuffer value = payload(type, 0);
        return parse(value, context + "/" + type);
    }

    private ByteBuffer payload(int type, int minimumLength) {
        ByteBuffer value = byType.get(type);
        if (value == null) {
            throw new MalformedMessageException(0, context + ": missing attribute " + type);
        }
        if (value.limit() < minimumLength) {
            throw new MalformedMessageException(0, context + ": attribute " + type + " has " + value.limit()
                    + " bytes, needs " + minimumLength);
        }
        return value.duplicate().order(value.order());
    }
}
