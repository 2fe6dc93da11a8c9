package io.lvsfeedback.netlink.route;

import java.net.InetAddress;

/** One decoded RTM_NEWADDR entry: which interface, which address, prefix length and scope. */
final class InterfaceAddress {
    final int ifindex;
    final InetAddress address;
    final int prefixLength;
    final int scope;

    InterfaceAddress(int ifindex, InetAddress address, int prefixLength, int scope) {
        this.ifindex = ifindex;
        this.address = address;
        this.prefixLength = prefixLength;
        this.scope = scope;
    }
}
