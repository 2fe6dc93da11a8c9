package io.lvsfeedback.netlink;

/** Thrown when the kernel refused the request (EPERM): the process lacks CAP_NET_ADMIN. */
public class PermissionDeniedException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(int errno, String message) {
        super(errno, message);
    }
}
