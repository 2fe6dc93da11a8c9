package io.lvsfeedback.netlink.internal;

import java.nio.ByteBuffer;

/** One received netlink message: header fields and its payload (without the 16-byte header). */
public final class Message {
    private final int type;
    private final int flags;
    private final int sequence;
    private final int portId;
    private final ByteBuffer payload;

    public Message(int type, int flags, int sequence, int portId, ByteBuffer payload) {
        this.type = type;
        this.flags = flags;
        this.sequence = sequence;
        this.portId = portId;
        this.payload = payload;
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public int sequence() {
        return sequence;
    }

    public int portId() {
        return portId;
    }

    /** A fresh read-only view of the payload, positioned at 0, in host byte order. */
    public ByteBuffer payload() {
        return payload.duplicate().order(payload.order());
    }

    public boolean isMulti() {
        return (flags & Netlink.NLM_F_MULTI) != 0;
    }
}
