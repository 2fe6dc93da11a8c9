package io.lvsfeedback.netlink.testing;

import io.lvsfeedback.netlink.NetlinkTimeoutException;
import io.lvsfeedback.netlink.internal.NetlinkTransport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A transport that answers each sent datagram with datagrams computed from it (so replies can echo
 * the sequence numbers the client chose), and times out like a socket when nothing is queued.
 */
public final class ScriptedTransport implements NetlinkTransport {
    private final Function<ByteBuffer, List<byte[]>> responder;
    private final Deque<byte[]> queued = new ArrayDeque<>();
    public final List<byte[]> sent = new ArrayList<>();
    public boolean closed;

    public ScriptedTransport(Function<ByteBuffer, List<byte[]>> responder) {
        this.responder = responder;
    }

    @Override
    public void send(byte[] datagram) {
        sent.add(datagram.clone());
        queued.addAll(responder.apply(ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder())));
    }

    @Override
    public ByteBuffer receive() {
        byte[] next = queued.poll();
        if (next == null) {
            throw new NetlinkTimeoutException(11, "no netlink reply from the kernel within the socket timeout");
        }
        return ByteBuffer.wrap(next).order(ByteOrder.nativeOrder());
    }

    @Override
    public void close() {
        closed = true;
    }

    /** A message with the given header fields and payload, length filled in. */
    public static byte[] message(int type, int flags, int sequence, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(16 + ((payload.length + 3) & ~3)).order(ByteOrder.nativeOrder());
        out.putInt(16 + payload.length).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(0)
                .put(payload);
        return out.array();
    }

    /** An NLMSG_ERROR with the given -errno (0 is an ack), capped echo of a request header. */
    public static byte[] error(int sequence, int negativeErrno) {
        ByteBuffer payload = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        payload.putInt(negativeErrno).putInt(16).putShort((short) 0).putShort((short) 0).putInt(sequence).putInt(0);
        return message(2, 0x100, sequence, payload.array());
    }

    /** Concatenates messages into one datagram. */
    public static byte[] datagram(byte[]... messages) {
        int length = 0;
        for (byte[] m : messages) {
            length += m.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] m : messages) {
            out.put(m);
        }
        return out.array();
    }

    /** Sequence numbers of every message in a sent datagram. */
    public static List<Integer> sequences(ByteBuffer datagram) {
        List<Integer> sequences = new ArrayList<>();
        int offset = 0;
        while (offset + 16 <= datagram.limit()) {
            int length = datagram.getInt(offset);
            sequences.add(datagram.getInt(offset + 8));
            offset += (length + 3) & ~3;
        }
        return sequences;
    }
}
