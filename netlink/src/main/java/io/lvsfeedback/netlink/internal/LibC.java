package io.lvsfeedback.netlink.internal;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/** The few libc socket calls netlink needs, bound by jnr-ffi (Java has no AF_NETLINK). */
public interface LibC {
    int socket(int domain, int type, int protocol);

    int bind(int fd, @In byte[] address, int addressLength);

    int setsockopt(int fd, int level, int option, @In byte[] value, int valueLength);

    @ssize_t long sendto(int fd, @In byte[] buffer, @size_t long length, int flags, @In byte[] address,
            int addressLength);

    /** Receives into native memory, so only the bytes received are copied to the Java heap. */
    @ssize_t long recv(int fd, Pointer buffer, @size_t long length, int flags);

    int close(int fd);
}
