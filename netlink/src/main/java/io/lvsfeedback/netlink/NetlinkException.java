package io.lvsfeedback.netlink;

/**
 * A netlink request failed: the kernel answered with an error, the reply was malformed, or no reply
 * came in time. {@link #errno()} is the positive errno the kernel returned (0 when the failure is
 * not a kernel error). Subclasses name the cases callers usually handle.
 */
public class NetlinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public NetlinkException(int errno, String message) {
        super(message);
        this.errno = errno;
    }

    public NetlinkException(int errno, String message, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    /** The positive errno the kernel returned, or 0 when the failure did not come from the kernel. */
    public int errno() {
        return errno;
    }
}
