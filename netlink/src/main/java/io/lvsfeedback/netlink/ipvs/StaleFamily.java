package io.lvsfeedback.netlink.ipvs;

import io.lvsfeedback.netlink.internal.Errno;

/**
 * How a request to a generic netlink family id that no longer belongs to IPVS shows itself. When
 * ip_vs is unloaded and loaded again the kernel gives the family a new id (allocated cyclically):
 * a request to the old id gets ENOENT (no family with that id), or, should another family have
 * taken the id, EOPNOTSUPP (genetlink: no such command) or EINVAL (attributes it does not know).
 */
final class StaleFamily {
    private StaleFamily() {
    }

    /** True for the errors a stale family id gives; ENOENT is also "no such destination", so the caller checks. */
    static boolean isSuspect(int errno) {
        return errno == Errno.ENOENT || errno == Errno.EINVAL || errno == Errno.EOPNOTSUPP;
    }
}
