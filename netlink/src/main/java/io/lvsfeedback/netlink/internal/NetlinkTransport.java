package io.lvsfeedback.netlink.internal;

import java.nio.ByteBuffer;

/** Sends and receives whole netlink datagrams; the real one is a socket, tests script one. */
public interface NetlinkTransport extends AutoCloseable {
    /** Sends one datagram, which may hold several messages. */
    void send(byte[] datagram);

    /**
     * Receives one datagram; throws {@link io.lvsfeedback.netlink.NetlinkTimeoutException} when
     * none came within the socket timeout. The buffer's order is the host's byte order.
     */
    ByteBuffer receive();

    @Override
    void close();
}
