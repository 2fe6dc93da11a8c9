package io.lvsfeedback.netlink;

/** Thrown when the named network interface does not exist in the socket's namespace (ENODEV). */
public class InterfaceNotFoundException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public InterfaceNotFoundException(int errno, String message) {
        super(errno, message);
    }
}
