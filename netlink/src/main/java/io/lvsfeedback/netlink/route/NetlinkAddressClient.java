package io.lvsfeedback.netlink.route;

import io.lvsfeedback.netlink.InterfaceNotFoundException;
import io.lvsfeedback.netlink.internal.Errno;
import io.lvsfeedback.netlink.internal.ErrorMapper;
import io.lvsfeedback.netlink.internal.Message;
import io.lvsfeedback.netlink.internal.NativeNetlinkSocket;
import io.lvsfeedback.netlink.internal.Netlink;
import io.lvsfeedback.netlink.internal.NetlinkConnection;
import io.lvsfeedback.netlink.internal.NetlinkTransport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/** {@link AddressClient} over an rtnetlink connection. */
final class NetlinkAddressClient implements AddressClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final NetlinkConnection connection;

    NetlinkAddressClient(NetlinkTransport transport) {
        this.connection = new NetlinkConnection(transport, ThreadLocalRandom.current().nextInt(1 << 30));
    }

    static NetlinkAddressClient open() {
        return new NetlinkAddressClient(NativeNetlinkSocket.open(Netlink.NETLINK_ROUTE, TIMEOUT));
    }

    @Override
    public synchronized List<InetAddress> addresses(String ifname) {
        int ifindex = ifindex(ifname);
        List<InetAddress> addresses = new ArrayList<>();
        for (Message message : connection.dump(AddressCodec.dumpAddresses(),
                ErrorMapper.forOperation("listing addresses"))) {
            InterfaceAddress entry = AddressCodec.decodeAddress(message);
            if (entry.ifindex == ifindex) {
                addresses.add(entry.address);
            }
        }
        return addresses;
    }

    @Override
    public synchronized boolean add(String ifname, InetAddress address) {
        Objects.requireNonNull(address, "address");
        int ifindex = ifindex(ifname);
        String operation = "adding " + address.getHostAddress() + " to " + ifname;
        try {
            connection.execute(AddressCodec.addAddress(ifindex, address), ErrorMapper.forOperation(operation));
            return true;
        } catch (io.lvsfeedback.netlink.NetlinkException e) {
            if (e.errno() == Errno.EEXIST) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public synchronized boolean delete(String ifname, InetAddress address) {
        Objects.requireNonNull(address, "address");
        int ifindex = ifindex(ifname);
        String operation = "deleting " + address.getHostAddress() + " from " + ifname;
        try {
            connection.execute(AddressCodec.deleteAddress(ifindex, address), ErrorMapper.forOperation(operation));
            return true;
        } catch (io.lvsfeedback.netlink.NetlinkException e) {
            if (e.errno() == Errno.EADDRNOTAVAIL) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public synchronized int ifindex(String ifname) {
        checkName(ifname);
        List<Message> replies = connection.execute(AddressCodec.getLink(ifname), (errno, text) ->
                errno == Errno.ENODEV
                        ? new InterfaceNotFoundException(errno, "no network interface named '" + ifname + "'")
                        : Errno.toException(errno, "looking up interface '" + ifname + "'", text));
        if (replies.isEmpty()) {
            throw new InterfaceNotFoundException(Errno.ENODEV, "no network interface named '" + ifname + "'");
        }
        return AddressCodec.decodeLinkIndex(replies.get(0));
    }

    private static void checkName(String ifname) {
        if (ifname == null || ifname.isEmpty() || ifname.length() > RouteConstants.MAX_INTERFACE_NAME
                || ifname.indexOf('/') >= 0 || ifname.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("invalid interface name '" + ifname
                    + "': 1 to 15 characters, no '/' or whitespace");
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
