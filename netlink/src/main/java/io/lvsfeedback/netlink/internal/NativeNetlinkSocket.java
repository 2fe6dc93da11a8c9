package io.lvsfeedback.netlink.internal;

import io.lvsfeedback.netlink.NetlinkException;
import io.lvsfeedback.netlink.NetlinkTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import jnr.ffi.LastError;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * A netlink socket through libc: bound to a kernel-assigned port, with a receive timeout so a lost
 * reply cannot hang the caller. Belongs to the network namespace of the thread that opens it.
 */
public final class NativeNetlinkSocket implements NetlinkTransport {
    /** Large enough for a kernel dump datagram (the kernel caps them near 32 KiB). */
    private static final int RECEIVE_BUFFER = 256 * 1024;
    private static final int SOCKET_BUFFERS = 1024 * 1024;

    private final LibC libc;
    private final Runtime runtime;
    private final Pointer buffer;
    private int fd;

    private NativeNetlinkSocket(LibC libc, int fd) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
        this.buffer = Memory.allocateDirect(runtime, RECEIVE_BUFFER);
        this.fd = fd;
    }

    /** Opens, configures and binds a socket of the given netlink protocol. */
    public static NativeNetlinkSocket open(int protocol, Duration timeout) {
        LibC libc = Native.libc();
        int fd = libc.socket(Netlink.AF_NETLINK, Netlink.SOCK_RAW | Netlink.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw Errno.toException(LastError.getLastError(Runtime.getRuntime(libc)),
                    "opening a netlink socket (protocol " + protocol + ")", null);
        }
        NativeNetlinkSocket socket = new NativeNetlinkSocket(libc, fd);
        try {
            socket.configure(timeout);
            return socket;
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void configure(Duration timeout) {
        byte[] timeval = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                .putLong(timeout.getSeconds())
                .putLong(Math.max(1, timeout.getNano() / 1000))
                .array();
        check(libc.setsockopt(fd, Netlink.SOL_SOCKET, Netlink.SO_RCVTIMEO, timeval, timeval.length),
                "setting SO_RCVTIMEO");
        // Batches of acks must not overflow the default receive buffer; best effort.
        libc.setsockopt(fd, Netlink.SOL_SOCKET, Netlink.SO_RCVBUF, intValue(SOCKET_BUFFERS), 4);
        libc.setsockopt(fd, Netlink.SOL_SOCKET, Netlink.SO_SNDBUF, intValue(SOCKET_BUFFERS), 4);
        // Short acks and readable kernel error text where the kernel supports them; optional.
        libc.setsockopt(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_CAP_ACK, intValue(1), 4);
        libc.setsockopt(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, intValue(1), 4);
        byte[] address = kernelAddress();
        check(libc.bind(fd, address, address.length), "binding the netlink socket");
    }

    @Override
    public void send(byte[] datagram) {
        byte[] kernel = kernelAddress();
        long sent = libc.sendto(fd, datagram, datagram.length, 0, kernel, kernel.length);
        if (sent < 0) {
            throw Errno.toException(lastError(), "sending a netlink request", null);
        }
        if (sent != datagram.length) {
            throw new NetlinkException(0, "netlink send was short: " + sent + " of " + datagram.length + " bytes");
        }
    }

    @Override
    public ByteBuffer receive() {
        for (int attempt = 0; attempt < 3; attempt++) {
            long received = libc.recv(fd, buffer, RECEIVE_BUFFER, Netlink.MSG_TRUNC);
            if (received >= 0) {
                if (received > RECEIVE_BUFFER) {
                    throw new NetlinkException(Errno.EMSGSIZE,
                            "netlink reply of " + received + " bytes exceeds the receive buffer");
                }
                byte[] copy = new byte[(int) received];
                buffer.get(0, copy, 0, copy.length);
                return ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
            }
            int errno = lastError();
            if (errno == Errno.EAGAIN) {
                throw new NetlinkTimeoutException(errno, "no netlink reply from the kernel within the socket timeout");
            }
            if (errno != Errno.EINTR) {
                throw Errno.toException(errno, "receiving a netlink reply", null);
            }
        }
        throw new NetlinkException(Errno.EINTR, "netlink receive interrupted repeatedly");
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
        }
    }

    private int lastError() {
        return LastError.getLastError(runtime);
    }

    private void check(int result, String what) {
        if (result < 0) {
            throw Errno.toException(lastError(), what, null);
        }
    }

    /** sockaddr_nl of the kernel: family AF_NETLINK, pid 0, no groups. */
    private static byte[] kernelAddress() {
        return ByteBuffer.allocate(12).order(ByteOrder.nativeOrder())
                .putShort((short) Netlink.AF_NETLINK).putShort((short) 0).putInt(0).putInt(0).array();
    }

    private static byte[] intValue(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    }
}
