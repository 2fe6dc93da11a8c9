package io.lvsfeedback.netlink.ipvs;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * What identifies a virtual service to the kernel: address family plus either protocol, address and
 * port, or a firewall mark. Its text form is the CLI's: {@code tcp:10.0.0.1:80},
 * {@code udp:[2001:db8::1]:53}, {@code sctp:...}, {@code fwm:5} (IPv4) and {@code fwm6:5} (IPv6).
 */
public final class ServiceKey {
    private final boolean ipv6;
    private final Protocol protocol;
    private final InetAddress address;
    private final int port;
    private final int firewallMark;

    private ServiceKey(boolean ipv6, Protocol protocol, InetAddress address, int port, int firewallMark) {
        this.ipv6 = ipv6;
        this.protocol = protocol;
        this.address = address;
        this.port = port;
        this.firewallMark = firewallMark;
    }

    /** An address+port service; the family follows the address. */
    public static ServiceKey of(Protocol protocol, InetAddress address, int port) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        return new ServiceKey(address instanceof Inet6Address, protocol, address, port, 0);
    }

    /** A firewall-mark service (mark 1..2^32-1 as an unsigned int) of the given family. */
    public static ServiceKey firewallMark(int mark, boolean ipv6) {
        if (mark == 0) {
            throw new IllegalArgumentException("firewall mark 0 does not name a service");
        }
        return new ServiceKey(ipv6, null, null, 0, mark);
    }

    /** Parses the CLI form; the message of the exception names the bad part. */
    public static ServiceKey parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("service is missing: expected tcp:ADDR:PORT, udp:..., sctp:..., fwm:MARK");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("bad service '" + text
                    + "': expected tcp:ADDR:PORT, udp:ADDR:PORT, sctp:ADDR:PORT, fwm:MARK or fwm6:MARK");
        }
        String kind = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = text.substring(colon + 1);
        switch (kind) {
            case "fwm":
            case "fwm6":
                return firewallMark(parseMark(rest, text), kind.equals("fwm6"));
            case "tcp":
            case "udp":
            case "sctp":
                java.net.InetSocketAddress endpoint;
                try {
                    endpoint = AddressLiterals.parseEndpoint(rest);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad service '" + text + "': " + e.getMessage(), e);
                }
                return of(Protocol.valueOf(kind.toUpperCase(Locale.ROOT)), endpoint.getAddress(), endpoint.getPort());
            default:
                throw new IllegalArgumentException("bad service '" + text + "': unknown kind '" + kind
                        + "', expected tcp, udp, sctp, fwm or fwm6");
        }
    }

    private static int parseMark(String mark, String whole) {
        try {
            long value = Long.parseLong(mark);
            if (value >= 1 && value <= 0xFFFFFFFFL) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad firewall mark '" + mark + "' in '" + whole + "': must be 1..4294967295");
    }

    public boolean isIpv6() {
        return ipv6;
    }

    public boolean isFirewallMark() {
        return protocol == null;
    }

    /** The protocol, or null for a firewall-mark service. */
    public Protocol protocol() {
        return protocol;
    }

    /** The virtual address, or null for a firewall-mark service. */
    public InetAddress address() {
        return address;
    }

    public int port() {
        return port;
    }

    /** The firewall mark (unsigned), 0 for an address+port service. */
    public int firewallMarkValue() {
        return firewallMark;
    }

    int addressFamily() {
        return ipv6 ? IpvsConstants.AF_INET6 : IpvsConstants.AF_INET;
    }

    @Override
    public String toString() {
        if (isFirewallMark()) {
            return (ipv6 ? "fwm6:" : "fwm:") + Integer.toUnsignedString(firewallMark);
        }
        return protocol.keyName() + ":" + AddressLiterals.format(address, port);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ServiceKey)) {
            return false;
        }
        ServiceKey that = (ServiceKey) other;
        return ipv6 == that.ipv6 && protocol == that.protocol && Objects.equals(address, that.address)
                && port == that.port && firewallMark == that.firewallMark;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ipv6, protocol, address, port, firewallMark);
    }

    static boolean isIpv4(InetAddress address) {
        return address instanceof Inet4Address;
    }
}
