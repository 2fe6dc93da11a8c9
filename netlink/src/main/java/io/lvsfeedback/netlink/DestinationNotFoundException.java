package io.lvsfeedback.netlink;

/** Thrown when the destination named in the request does not exist in its service (ENOENT). */
public class DestinationNotFoundException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public DestinationNotFoundException(int errno, String message) {
        super(errno, message);
    }
}
