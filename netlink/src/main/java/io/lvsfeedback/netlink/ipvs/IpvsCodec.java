package io.lvsfeedback.netlink.ipvs;

import static io.lvsfeedback.netlink.ipvs.IpvsConstants.*;

import io.lvsfeedback.netlink.MalformedMessageException;
import io.lvsfeedback.netlink.internal.Attributes;
import io.lvsfeedback.netlink.internal.Message;
import io.lvsfeedback.netlink.internal.MessageBuilder;
import io.lvsfeedback.netlink.internal.Netlink;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Encodes IPVS generic netlink requests and decodes the kernel's replies. Addresses go out as the
 * 16-byte {@code nf_inet_addr} (like libipvs), ports big-endian. A destination's full form always
 * carries method, weight and both thresholds, and for TUNNEL the tunnel settings, because SET_DEST
 * resets whatever it omits.
 */
final class IpvsCodec {
    private static final int ADDRESS_LENGTH = 16;

    private IpvsCodec() {
    }

    // ---- requests ----

    static MessageBuilder resolveFamily() {
        return new MessageBuilder(GENL_ID_CTRL, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK)
                .u8(CTRL_CMD_GETFAMILY).u8(1).u16(0)
                .attrString(CTRL_ATTR_FAMILY_NAME, FAMILY_NAME);
    }

    static MessageBuilder command(int familyId, int command, int flags) {
        return new MessageBuilder(familyId, flags).u8(command).u8(FAMILY_VERSION).u16(0);
    }

    static MessageBuilder getInfo(int familyId) {
        return command(familyId, CMD_GET_INFO, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
    }

    static MessageBuilder dumpServices(int familyId) {
        return command(familyId, CMD_GET_SERVICE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
    }

    static MessageBuilder getService(int familyId, ServiceKey key) {
        return serviceCommand(familyId, CMD_GET_SERVICE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, key);
    }

    static MessageBuilder dumpDestinations(int familyId, ServiceKey key) {
        return serviceCommand(familyId, CMD_GET_DEST, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, key);
    }

    static MessageBuilder newService(int familyId, Service service) {
        MessageBuilder message = command(familyId, CMD_NEW_SERVICE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
        int nest = message.beginNested(CMD_ATTR_SERVICE);
        serviceIdentity(message, service.key());
        message.attrString(SVC_ATTR_SCHED_NAME, service.scheduler())
                .attrU32Pair(SVC_ATTR_FLAGS, service.flags(), 0xFFFFFFFF)
                .attrU32(SVC_ATTR_TIMEOUT, service.timeoutSeconds())
                .attrU32(SVC_ATTR_NETMASK, service.netmask());
        if (service.persistenceEngine() != null) {
            message.attrString(SVC_ATTR_PE_NAME, service.persistenceEngine());
        }
        return message.endNested(nest);
    }

    static MessageBuilder deleteService(int familyId, ServiceKey key) {
        return serviceCommand(familyId, CMD_DEL_SERVICE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, key);
    }

    /** A command whose one attribute is the service's identity (get it, dump its destinations, delete it). */
    private static MessageBuilder serviceCommand(int familyId, int cmd, int flags, ServiceKey key) {
        MessageBuilder message = command(familyId, cmd, flags);
        int nest = message.beginNested(CMD_ATTR_SERVICE);
        serviceIdentity(message, key);
        return message.endNested(nest);
    }

    static MessageBuilder newDestination(int familyId, ServiceKey key, Destination destination) {
        return fullDestination(familyId, CMD_NEW_DEST, key, destination);
    }

    static MessageBuilder setDestination(int familyId, ServiceKey key, Destination destination) {
        return fullDestination(familyId, CMD_SET_DEST, key, destination);
    }

    static MessageBuilder deleteDestination(int familyId, ServiceKey key, InetAddress address, int port) {
        MessageBuilder message = command(familyId, CMD_DEL_DEST, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
        serviceAttribute(message, key);
        int nest = message.beginNested(CMD_ATTR_DEST);
        destinationIdentity(message, address, port);
        return message.endNested(nest);
    }

    private static MessageBuilder fullDestination(int familyId, int command, ServiceKey key, Destination destination) {
        MessageBuilder message = command(familyId, command, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
        serviceAttribute(message, key);
        int nest = message.beginNested(CMD_ATTR_DEST);
        destinationIdentity(message, destination.address(), destination.port());
        message.attrU32(DEST_ATTR_FWD_METHOD, destination.method().code())
                .attrU32(DEST_ATTR_WEIGHT, destination.weight())
                .attrU32(DEST_ATTR_U_THRESH, destination.upperThreshold())
                .attrU32(DEST_ATTR_L_THRESH, destination.lowerThreshold());
        if (destination.method() == ForwardingMethod.TUNNEL) {
            message.attrU8(DEST_ATTR_TUN_TYPE, destination.tunnelType().code())
                    .attrU16BigEndian(DEST_ATTR_TUN_PORT, destination.tunnelPort())
                    .attrU16(DEST_ATTR_TUN_FLAGS, destination.tunnelFlags());
        }
        return message.endNested(nest);
    }

    private static void serviceAttribute(MessageBuilder message, ServiceKey key) {
        int nest = message.beginNested(CMD_ATTR_SERVICE);
        serviceIdentity(message, key);
        message.endNested(nest);
    }

    private static void serviceIdentity(MessageBuilder message, ServiceKey key) {
        message.attrU16(SVC_ATTR_AF, key.addressFamily());
        if (key.isFirewallMark()) {
            message.attrU32(SVC_ATTR_FWMARK, key.firewallMarkValue());
        } else {
            message.attrU16(SVC_ATTR_PROTOCOL, key.protocol().number())
                    .attribute(SVC_ATTR_ADDR, inetAddress(key.address()))
                    .attrU16BigEndian(SVC_ATTR_PORT, key.port());
        }
    }

    private static void destinationIdentity(MessageBuilder message, InetAddress address, int port) {
        message.attribute(DEST_ATTR_ADDR, inetAddress(address))
                .attrU16BigEndian(DEST_ATTR_PORT, port)
                .attrU16(DEST_ATTR_ADDR_FAMILY, address instanceof Inet6Address ? AF_INET6 : AF_INET);
    }

    private static byte[] inetAddress(InetAddress address) {
        return Arrays.copyOf(address.getAddress(), ADDRESS_LENGTH);
    }

    // ---- replies ----

    static int decodeFamilyId(Message message) {
        Attributes attributes = genericAttributes(message, "generic netlink family reply");
        return attributes.u16(CTRL_ATTR_FAMILY_ID);
    }

    static IpvsInfo decodeInfo(Message message) {
        Attributes attributes = genericAttributes(message, "IPVS info reply");
        return new IpvsInfo(attributes.s32(INFO_ATTR_VERSION), attributes.s32(INFO_ATTR_CONN_TAB_SIZE));
    }

    static Service decodeService(Message message) {
        Attributes service = genericAttributes(message, "IPVS service").nested(CMD_ATTR_SERVICE);
        try {
            boolean ipv6 = family(service.u16(SVC_ATTR_AF), "service");
            ServiceKey key;
            if (service.has(SVC_ATTR_FWMARK) && service.u32(SVC_ATTR_FWMARK) != 0) {
                key = ServiceKey.firewallMark(service.s32(SVC_ATTR_FWMARK), ipv6);
            } else {
                key = ServiceKey.of(Protocol.fromNumber(service.u16(SVC_ATTR_PROTOCOL)),
                        service.address(SVC_ATTR_ADDR, ipv6 ? 16 : 4), service.u16BigEndian(SVC_ATTR_PORT));
            }
            Service.Builder builder = Service.builder(key)
                    .scheduler(service.string(SVC_ATTR_SCHED_NAME))
                    .flags((int) service.u32At(SVC_ATTR_FLAGS, 0))
                    .timeoutSeconds(service.s32(SVC_ATTR_TIMEOUT))
                    .netmask(service.s32(SVC_ATTR_NETMASK))
                    .stats(decodeStats(service, SVC_ATTR_STATS64, SVC_ATTR_STATS));
            if (service.has(SVC_ATTR_PE_NAME)) {
                builder.persistenceEngine(service.string(SVC_ATTR_PE_NAME));
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(0, "IPVS service: " + e.getMessage());
        }
    }

    static Destination decodeDestination(Message message, boolean serviceIpv6) {
        Attributes dest = genericAttributes(message, "IPVS destination").nested(CMD_ATTR_DEST);
        try {
            boolean ipv6 = dest.has(DEST_ATTR_ADDR_FAMILY) ? family(dest.u16(DEST_ATTR_ADDR_FAMILY), "destination")
                    : serviceIpv6;
            Destination.Builder builder = Destination.builder(dest.address(DEST_ATTR_ADDR, ipv6 ? 16 : 4),
                            dest.u16BigEndian(DEST_ATTR_PORT))
                    .method(ForwardingMethod.fromCode((int) dest.u32(DEST_ATTR_FWD_METHOD) & FWD_MASK))
                    .weight(dest.s32(DEST_ATTR_WEIGHT))
                    .thresholds(dest.s32(DEST_ATTR_U_THRESH), dest.s32(DEST_ATTR_L_THRESH))
                    .connections(dest.s32(DEST_ATTR_ACTIVE_CONNS), dest.s32(DEST_ATTR_INACT_CONNS),
                            dest.s32(DEST_ATTR_PERSIST_CONNS))
                    .stats(decodeStats(dest, DEST_ATTR_STATS64, DEST_ATTR_STATS));
            if (dest.has(DEST_ATTR_TUN_TYPE)) {
                builder.tunnel(TunnelType.fromCode(dest.u8(DEST_ATTR_TUN_TYPE)),
                        dest.has(DEST_ATTR_TUN_PORT) ? dest.u16BigEndian(DEST_ATTR_TUN_PORT) : 0,
                        dest.has(DEST_ATTR_TUN_FLAGS) ? dest.u16(DEST_ATTR_TUN_FLAGS) : 0);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(0, "IPVS destination: " + e.getMessage());
        }
    }

    private static Stats decodeStats(Attributes owner, int stats64, int stats32) {
        if (owner.has(stats64)) {
            Attributes s = owner.nested(stats64);
            return new Stats(u64(s, STATS_CONNS), u64(s, STATS_INPKTS), u64(s, STATS_OUTPKTS), u64(s, STATS_INBYTES),
                    u64(s, STATS_OUTBYTES), u64(s, STATS_CPS), u64(s, STATS_INPPS), u64(s, STATS_OUTPPS),
                    u64(s, STATS_INBPS), u64(s, STATS_OUTBPS));
        }
        if (owner.has(stats32)) {
            Attributes s = owner.nested(stats32);
            return new Stats(u32(s, STATS_CONNS), u32(s, STATS_INPKTS), u32(s, STATS_OUTPKTS), u64(s, STATS_INBYTES),
                    u64(s, STATS_OUTBYTES), u32(s, STATS_CPS), u32(s, STATS_INPPS), u32(s, STATS_OUTPPS),
                    u32(s, STATS_INBPS), u32(s, STATS_OUTBPS));
        }
        return Stats.EMPTY;
    }

    private static long u64(Attributes stats, int type) {
        return stats.has(type) ? stats.u64(type) : 0;
    }

    private static long u32(Attributes stats, int type) {
        return stats.has(type) ? stats.u32(type) : 0;
    }

    private static boolean family(int family, String what) {
        if (family == AF_INET) {
            return false;
        }
        if (family == AF_INET6) {
            return true;
        }
        throw new MalformedMessageException(0, "IPVS " + what + " has unknown address family " + family);
    }

    private static Attributes genericAttributes(Message message, String context) {
        ByteBuffer payload = message.payload();
        if (payload.remaining() < GENL_HEADER_LENGTH) {
            throw new MalformedMessageException(0, context + ": " + payload.remaining()
                    + " bytes, too short for the generic netlink header");
        }
        payload.position(GENL_HEADER_LENGTH);
        return Attributes.parse(payload, context);
    }
}
