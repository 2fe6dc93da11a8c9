package io.lvsfeedback.netlink;

/** Thrown when the kernel did not answer within the socket timeout. */
public class NetlinkTimeoutException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public NetlinkTimeoutException(int errno, String message) {
        super(errno, message);
    }
}
