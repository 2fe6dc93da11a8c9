package io.lvsfeedback.netlink;

/** Thrown when the kernel has no IPVS generic netlink family (ENOENT on the family lookup): the ip_vs module is not loaded. */
public class IpvsNotAvailableException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public IpvsNotAvailableException(int errno, String message) {
        super(errno, message);
    }
}
