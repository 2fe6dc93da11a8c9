package io.lvsfeedback.netlink.route;

/** Constants of linux/rtnetlink.h, linux/if_addr.h and linux/if_link.h used for addresses. */
final class RouteConstants {
    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;

    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;
    static final int IFA_FLAGS = 8;

    static final int IFLA_IFNAME = 3;

    static final int RT_SCOPE_UNIVERSE = 0;
    static final int RT_SCOPE_HOST = 254;

    /** struct ifaddrmsg: family, prefixlen, flags, scope (u8 each), ifindex (u32). */
    static final int IFADDRMSG_LENGTH = 8;
    /** struct ifinfomsg: family, pad (u8), type (u16), index (s32), flags, change (u32). */
    static final int IFINFOMSG_LENGTH = 16;
    /** IFNAMSIZ minus the terminating NUL. */
    static final int MAX_INTERFACE_NAME = 15;

    private RouteConstants() {
    }
}
