package io.lvsfeedback.netlink.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Numeric address and endpoint forms of the CLI and service keys: {@code 10.0.0.1}, {@code 2001:db8::1},
 * {@code 10.0.0.1:80}, {@code [2001:db8::1]:80}. Never resolves host names.
 */
public final class AddressLiterals {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private AddressLiterals() {
    }

    /** Parses a numeric IPv4 or IPv6 address (IPv6 with or without brackets). */
    public static InetAddress parseAddress(String text) {
        String literal = text == null ? "" : text.trim();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        boolean v4 = IPV4.matcher(literal).matches();
        boolean v6 = literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches();
        if (!v4 && !v6) {
            throw new IllegalArgumentException("'" + text + "' is not a numeric IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a numeric IPv4 or IPv6 address", e);
        }
    }

    /** Parses {@code ADDR:PORT} or {@code [ADDR6]:PORT}; the port must be 0..65535. */
    public static InetSocketAddress parseEndpoint(String text) {
        String endpoint = text == null ? "" : text.trim();
        int colon = endpoint.lastIndexOf(':');
        boolean bracketed = endpoint.startsWith("[");
        if (colon < 0 || (bracketed && endpoint.lastIndexOf(']') != colon - 1)
                || (!bracketed && endpoint.indexOf(':') != colon)) {
            throw new IllegalArgumentException("'" + text + "' is not ADDRESS:PORT (IPv6 as [ADDRESS]:PORT)");
        }
        InetAddress address = parseAddress(endpoint.substring(0, colon));
        return new InetSocketAddress(address, parsePort(endpoint.substring(colon + 1), text));
    }

    static int parsePort(String port, String whole) {
        try {
            int value = Integer.parseInt(port);
            if (value >= 0 && value <= 65535 && port.matches("\\d+")) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad port '" + port + "' in '" + whole + "': must be 0..65535");
    }

    /** {@code 10.0.0.1:80} or {@code [2001:db8::1]:80}, the form ipvsadm -Ln prints. */
    public static String format(InetAddress address, int port) {
        return format(address) + ":" + port;
    }

    /** The address, IPv6 in brackets and compressed like ipvsadm prints it. */
    public static String format(InetAddress address) {
        if (address instanceof Inet6Address) {
            return "[" + compress(address.getHostAddress()) + "]";
        }
        return address.getHostAddress();
    }

    /** Java prints 2001:db8:0:0:0:0:0:1; ipvsadm (inet_ntop) prints 2001:db8::1. */
    static String compress(String full) {
        String[] groups = full.split(":", -1);
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLength && j - i > 1) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
