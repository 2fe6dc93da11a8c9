package io.lvsfeedback.netlink;

/** Thrown when a netlink message could not be decoded: truncated, bad lengths or missing attributes. */
public class MalformedMessageException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(int errno, String message) {
        super(errno, message);
    }
}
