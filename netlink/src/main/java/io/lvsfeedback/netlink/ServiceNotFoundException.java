package io.lvsfeedback.netlink;

/** Thrown when the virtual service named in the request does not exist (ESRCH). */
public class ServiceNotFoundException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public ServiceNotFoundException(int errno, String message) {
        super(errno, message);
    }
}
