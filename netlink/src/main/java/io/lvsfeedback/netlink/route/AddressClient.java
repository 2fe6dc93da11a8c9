package io.lvsfeedback.netlink.route;

import java.net.InetAddress;
import java.util.List;

/**
 * Host addresses of network interfaces over rtnetlink, without forking {@code ip}. A client works in
 * the network namespace of the thread that opened it. Failures are
 * {@link io.lvsfeedback.netlink.NetlinkException}s: {@link io.lvsfeedback.netlink.PermissionDeniedException}
 * without CAP_NET_ADMIN, {@link io.lvsfeedback.netlink.InterfaceNotFoundException} for an unknown
 * interface. An interface so callers (and their tests) can substitute it.
 */
public interface AddressClient extends AutoCloseable {

    /** Opens a client on a fresh rtnetlink socket (5 s reply timeout). */
    static AddressClient open() {
        return NetlinkAddressClient.open();
    }

    /** The addresses (IPv4 and IPv6, any prefix) on the interface, in the kernel's order. */
    List<InetAddress> addresses(String ifname);

    /**
     * Adds the address as a host address (/32 or /128), like {@code ip addr add VIP/32 dev IF}.
     * Returns false if the interface already had it.
     */
    boolean add(String ifname, InetAddress address);

    /** Deletes the host address (/32 or /128). Returns false if the interface did not have it. */
    boolean delete(String ifname, InetAddress address);

    /** The interface's index; works while the link is down. */
    int ifindex(String ifname);

    @Override
    void close();
}
