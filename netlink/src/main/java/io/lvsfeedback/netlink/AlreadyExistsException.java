package io.lvsfeedback.netlink;

/** Thrown when the object to create already exists (EEXIST). */
public class AlreadyExistsException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public AlreadyExistsException(int errno, String message) {
        super(errno, message);
    }
}
