package io.lvsfeedback.netlink.internal;

import io.lvsfeedback.netlink.NetlinkException;
import io.lvsfeedback.netlink.PermissionDeniedException;

/** Linux errno values (asm-generic/errno-base.h, errno.h) that netlink replies carry, with names. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ERANGE = 34;
    public static final int EBADMSG = 74;
    public static final int EMSGSIZE = 90;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENOBUFS = 105;
    public static final int ETIMEDOUT = 110;

    private Errno() {
    }

    /** "EPERM (Operation not permitted)" style text for messages; unknown values as "errno N". */
    public static String describe(int errno) {
        switch (errno) {
            case EPERM: return "EPERM (Operation not permitted)";
            case ENOENT: return "ENOENT (No such file or directory)";
            case ESRCH: return "ESRCH (No such process)";
            case EINTR: return "EINTR (Interrupted system call)";
            case EAGAIN: return "EAGAIN (Resource temporarily unavailable)";
            case ENOMEM: return "ENOMEM (Out of memory)";
            case EACCES: return "EACCES (Permission denied)";
            case EBUSY: return "EBUSY (Device or resource busy)";
            case EEXIST: return "EEXIST (File exists)";
            case ENODEV: return "ENODEV (No such device)";
            case EINVAL: return "EINVAL (Invalid argument)";
            case ERANGE: return "ERANGE (Result out of range)";
            case EBADMSG: return "EBADMSG (Bad message)";
            case EMSGSIZE: return "EMSGSIZE (Message too long)";
            case EPROTONOSUPPORT: return "EPROTONOSUPPORT (Protocol not supported)";
            case EOPNOTSUPP: return "EOPNOTSUPP (Operation not supported)";
            case EAFNOSUPPORT: return "EAFNOSUPPORT (Address family not supported)";
            case EADDRNOTAVAIL: return "EADDRNOTAVAIL (Cannot assign requested address)";
            case ENOBUFS: return "ENOBUFS (No buffer space available)";
            case ETIMEDOUT: return "ETIMEDOUT (Connection timed out)";
            default: return "errno " + errno;
        }
    }

    /**
     * The mapping every request shares: EPERM/EACCES become {@link PermissionDeniedException}, the
     * rest a plain {@link NetlinkException} naming the operation, the errno and the kernel's
     * extended-ack text when it sent one.
     */
    public static NetlinkException toException(int errno, String operation, String kernelMessage) {
        String detail = kernelMessage == null || kernelMessage.isEmpty() ? "" : " (kernel: " + kernelMessage + ")";
        if (errno == EPERM || errno == EACCES) {
            return new PermissionDeniedException(errno,
                    "permission denied: needs CAP_NET_ADMIN (" + operation + ": " + describe(errno) + ")");
        }
        return new NetlinkException(errno, operation + " failed: " + describe(errno) + detail);
    }
}
