package io.lvsfeedback.netlink.route;

import static io.lvsfeedback.netlink.route.RouteConstants.*;

import io.lvsfeedback.netlink.MalformedMessageException;
import io.lvsfeedback.netlink.internal.Attributes;
import io.lvsfeedback.netlink.internal.Message;
import io.lvsfeedback.netlink.internal.MessageBuilder;
import io.lvsfeedback.netlink.internal.Netlink;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Encodes the rtnetlink address and link requests and decodes their replies. The add request is
 * byte for byte what {@code ip addr add VIP/32 dev IF} sends: ifaddrmsg (family, host prefix,
 * flags 0, scope from the address like iproute2's default), then IFA_LOCAL and IFA_ADDRESS.
 */
final class AddressCodec {
    private AddressCodec() {
    }

    static MessageBuilder addAddress(int ifindex, InetAddress address) {
        MessageBuilder message = new MessageBuilder(RTM_NEWADDR,
                Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
        return hostAddress(message, ifindex, address);
    }

    static MessageBuilder deleteAddress(int ifindex, InetAddress address) {
        MessageBuilder message = new MessageBuilder(RTM_DELADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
        return hostAddress(message, ifindex, address);
    }

    static MessageBuilder dumpAddresses() {
        return new MessageBuilder(RTM_GETADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP)
                .u8(AF_UNSPEC).u8(0).u8(0).u8(0).u32(0);
    }

    /** RTM_GETLINK by name: works while the link is down, in the socket's own namespace. */
    static MessageBuilder getLink(String name) {
        return new MessageBuilder(RTM_GETLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK)
                .u8(AF_UNSPEC).u8(0).u16(0).u32(0).u32(0).u32(0)
                .attrString(IFLA_IFNAME, name);
    }

    private static MessageBuilder hostAddress(MessageBuilder message, int ifindex, InetAddress address) {
        byte[] raw = address.getAddress();
        boolean v4 = address instanceof Inet4Address;
        message.u8(v4 ? AF_INET : AF_INET6).u8(raw.length * 8).u8(0).u8(defaultScope(address)).u32(ifindex)
                .attribute(IFA_LOCAL, raw)
                .attribute(IFA_ADDRESS, raw);
        return message;
    }

    /** iproute2's default: host scope for 127.0.0.0/8, universe otherwise (IPv6 scope is the kernel's). */
    private static int defaultScope(InetAddress address) {
        byte[] raw = address.getAddress();
        return raw.length == 4 && (raw[0] & 0xFF) == 127 ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
    }

    static InterfaceAddress decodeAddress(Message message) {
        if (message.type() != RTM_NEWADDR) {
            throw new MalformedMessageException(0, "expected RTM_NEWADDR, got message type " + message.type());
        }
        ByteBuffer payload = message.payload();
        if (payload.remaining() < IFADDRMSG_LENGTH) {
            throw new MalformedMessageException(0, "RTM_NEWADDR payload of " + payload.remaining()
                    + " bytes is shorter than ifaddrmsg");
        }
        int family = payload.get(0) & 0xFF;
        int prefixLength = payload.get(1) & 0xFF;
        int scope = payload.get(3) & 0xFF;
        int ifindex = payload.getInt(4);
        payload.position(IFADDRMSG_LENGTH);
        Attributes attributes = Attributes.parse(payload, "RTM_NEWADDR");
        int length = family == AF_INET ? 4 : family == AF_INET6 ? 16 : -1;
        if (length < 0) {
            throw new MalformedMessageException(0, "RTM_NEWADDR has unknown address family " + family);
        }
        // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on point-to-point links.
        int attribute = attributes.has(IFA_LOCAL) ? IFA_LOCAL : IFA_ADDRESS;
        return new InterfaceAddress(ifindex, attributes.address(attribute, length), prefixLength, scope);
    }

    static int decodeLinkIndex(Message message) {
        if (message.type() != RTM_NEWLINK) {
            throw new MalformedMessageException(0, "expected RTM_NEWLINK, got message type " + message.type());
        }
        ByteBuffer payload = message.payload();
        if (payload.remaining() < IFINFOMSG_LENGTH) {
            throw new MalformedMessageException(0, "RTM_NEWLINK payload of " + payload.remaining()
                    + " bytes is shorter than ifinfomsg");
        }
        return payload.getInt(4);
    }
}
