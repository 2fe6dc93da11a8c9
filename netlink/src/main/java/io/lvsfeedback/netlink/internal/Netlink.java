package io.lvsfeedback.netlink.internal;

/** Constants of linux/netlink.h and linux/socket.h that the codec and the socket use. */
public final class Netlink {
    public static final int AF_NETLINK = 16;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_GENERIC = 16;

    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    public static final int MSG_TRUNC = 0x20;

    public static final int HEADER_LENGTH = 16;
    public static final int ATTRIBUTE_HEADER_LENGTH = 4;

    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_MULTI = 0x2;
    public static final int NLM_F_ACK = 0x4;
    /** On a dump reply: the object set changed while it was dumped; the dump may be inconsistent. */
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    /** On an NLMSG_ERROR: the echoed request was cut to its header (NETLINK_CAP_ACK). */
    public static final int NLM_F_CAPPED = 0x100;
    /** On an NLMSG_ERROR: extended-ack attributes follow the echoed request. */
    public static final int NLM_F_ACK_TLVS = 0x200;
    /** Extended-ack attribute with the kernel's human-readable error text. */
    public static final int NLMSGERR_ATTR_MSG = 1;

    public static final int NLA_TYPE_MASK = 0x3FFF;
    public static final int NLA_F_NESTED = 0x8000;

    private Netlink() {
    }

    /** Rounds up to the 4-byte alignment of netlink messages and attributes. */
    public static int align(int length) {
        return (length + 3) & ~3;
    }
}
