package io.lvsfeedback.netlink.internal;

import io.lvsfeedback.netlink.MalformedMessageException;
import io.lvsfeedback.netlink.NetlinkException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Request/reply over a transport: numbers each request, matches replies by sequence number, ignores
 * stale replies to earlier requests, collects multi-part dumps until DONE, and turns NLMSG_ERROR
 * into exceptions. Not thread-safe: one conversation at a time.
 */
public final class NetlinkConnection implements AutoCloseable {
    /** Requests per datagram in a batch; keeps the acks of one chunk well inside the receive buffer. */
    public static final int BATCH_CHUNK = 64;
    /** Upper bound on datagrams read for one request, so a misbehaving peer cannot keep us looping. */
    private static final int MAX_DATAGRAMS = 100_000;
    private static final int DUMP_ATTEMPTS = 3;

    private final NetlinkTransport transport;
    private int nextSequence;

    public NetlinkConnection(NetlinkTransport transport, int firstSequence) {
        this.transport = transport;
        this.nextSequence = firstSequence;
    }

    /**
     * Sends a request that asks for an ack and returns the data messages that came before the ack
     * (e.g. the reply of a GET). Errors go through {@code errors}.
     */
    public List<Message> execute(MessageBuilder request, ErrorMapper errors) {
        return converse(request, errors);
    }

    /**
     * Sends a dump request and returns every message of the multi-part reply. A dump the kernel
     * marks as interrupted by concurrent changes is asked for again (a few times at most).
     */
    public List<Message> dump(MessageBuilder request, ErrorMapper errors) {
        for (int attempt = 0; attempt < DUMP_ATTEMPTS; attempt++) {
            List<Message> replies = converse(request, errors);
            if (replies.stream().noneMatch(m -> (m.flags() & Netlink.NLM_F_DUMP_INTR) != 0)) {
                return replies;
            }
        }
        throw new NetlinkException(Errno.EINTR, "netlink dump was interrupted by concurrent changes "
                + DUMP_ATTEMPTS + " times in a row");
    }

    private List<Message> converse(MessageBuilder request, ErrorMapper errors) {
        int sequence = nextSequence();
        transport.send(request.build(sequence));
        List<Message> replies = new ArrayList<>();
        for (int datagrams = 0; datagrams < MAX_DATAGRAMS; datagrams++) {
            for (Message message : MessageParser.parse(transport.receive())) {
                if (message.sequence() != sequence) {
                    continue;
                }
                if (message.type() == Netlink.NLMSG_ERROR) {
                    KernelReply reply = decodeError(message);
                    if (reply.ok()) {
                        return replies;
                    }
                    throw errors.map(reply.errno(), reply.kernelMessage());
                }
                if (message.type() == Netlink.NLMSG_DONE) {
                    int status = message.payload().remaining() >= 4 ? message.payload().getInt(0) : 0;
                    if (status < 0) {
                        throw errors.map(-status, null);
                    }
                    return replies;
                }
                if (message.type() == Netlink.NLMSG_NOOP) {
                    continue;
                }
                if (message.type() == Netlink.NLMSG_OVERRUN) {
                    throw new NetlinkException(Errno.ENOBUFS, "netlink reply overrun: data was lost");
                }
                replies.add(message);
                if (!message.isMulti() && (request.flags() & Netlink.NLM_F_ACK) == 0) {
                    return replies;
                }
            }
        }
        throw new NetlinkException(0, "netlink reply did not end after " + MAX_DATAGRAMS + " datagrams");
    }

    /**
     * Sends requests (each must ask for an ack) several per datagram and reads one pass of acks per
     * chunk. Returns one reply per request, in order; a failed request does not stop the others.
     */
    public List<KernelReply> executeBatch(List<MessageBuilder> requests) {
        List<KernelReply> results = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += BATCH_CHUNK) {
            results.addAll(executeChunk(requests.subList(from, Math.min(requests.size(), from + BATCH_CHUNK))));
        }
        return results;
    }

    private List<KernelReply> executeChunk(List<MessageBuilder> chunk) {
        ByteArrayOutputStream datagram = new ByteArrayOutputStream();
        int[] sequences = new int[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            sequences[i] = nextSequence();
            byte[] message = chunk.get(i).build(sequences[i]);
            datagram.write(message, 0, message.length);
        }
        transport.send(datagram.toByteArray());
        Map<Integer, KernelReply> bySequence = new HashMap<>();
        for (int datagrams = 0; datagrams < MAX_DATAGRAMS && bySequence.size() < chunk.size(); datagrams++) {
            for (Message message : MessageParser.parse(transport.receive())) {
                if (message.type() == Netlink.NLMSG_ERROR && isOneOf(message.sequence(), sequences)) {
                    bySequence.put(message.sequence(), decodeError(message));
                }
            }
        }
        List<KernelReply> results = new ArrayList<>(chunk.size());
        for (int sequence : sequences) {
            KernelReply reply = bySequence.get(sequence);
            if (reply == null) {
                throw new NetlinkException(0, "no ack for batched request " + sequence);
            }
            results.add(reply);
        }
        return results;
    }

    /** Decodes an NLMSG_ERROR payload: -errno, the echoed request header, optional extended-ack attributes. */
    public static KernelReply decodeError(Message message) {
        ByteBuffer payload = message.payload();
        if (payload.remaining() < 4) {
            throw new MalformedMessageException(0, "netlink error message of " + payload.remaining()
                    + " bytes has no error code");
        }
        int error = payload.getInt(0);
        if (error > 0 || error < -4095) {
            throw new MalformedMessageException(0, "netlink error message carries impossible error code " + error);
        }
        String text = null;
        if ((message.flags() & Netlink.NLM_F_ACK_TLVS) != 0 && payload.remaining() >= 4 + Netlink.HEADER_LENGTH) {
            int echoed = (message.flags() & Netlink.NLM_F_CAPPED) != 0
                    ? Netlink.HEADER_LENGTH : Netlink.align(payload.getInt(4));
            if (echoed >= Netlink.HEADER_LENGTH && echoed <= payload.remaining() - 4) {
                ByteBuffer tlvs = payload.duplicate().order(payload.order());
                tlvs.position(4 + echoed);
                Attributes attributes = Attributes.parse(tlvs, "netlink extended ack");
                if (attributes.has(Netlink.NLMSGERR_ATTR_MSG)) {
                    text = attributes.string(Netlink.NLMSGERR_ATTR_MSG);
                }
            }
        }
        return new KernelReply(-error, text);
    }

    private int nextSequence() {
        nextSequence++;
        if (nextSequence == 0) {
            nextSequence = 1;
        }
        return nextSequence;
    }

    private static boolean isOneOf(int value, int[] values) {
        for (int candidate : values) {
            if (candidate == value) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        transport.close();
    }
}
