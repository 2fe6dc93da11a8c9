package io.lvsfeedback.bridge.ipvs;

import io.lvsfeedback.netlink.ipvs.AddressLiterals;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** The one textual form of {@code address:port} used in keys, configuration and logs. */
public final class Endpoints {
    private Endpoints() {}

    /** {@code 10.0.0.2:80}, {@code [2001:db8::2]:80}: the form ipvsadm -Ln prints (and the netlink model uses). */
    public static String format(InetAddress address, int port) {
        return AddressLiterals.format(address, port);
    }

    public static String format(InetSocketAddress socket) {
        return format(socket.getAddress(), socket.getPort());
    }

    /**
     * Parses a numeric {@code address[:port]} (IPv6 in brackets when a port follows). Never does a
     * DNS lookup.
     *
     * @param defaultPort used when no port is given; -1 means the port is required
     * @throws IllegalArgumentException naming the text when it is not an address
     */
    public static InetSocketAddress parse(String text, int defaultPort) {
        String s = text.trim();
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': missing ']'");
            }
            host = s.substring(1, close);
            if (close + 1 < s.length()) {
                if (s.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("'" + text + "': expected ':' after ']'");
                }
                port = s.substring(close + 2);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        } else {
            host = s;
        }
        if (!isNumericAddress(host)) {
            throw new IllegalArgumentException("'" + text + "': not a numeric IP address");
        }
        int p;
        if (port == null) {
            if (defaultPort < 0) {
                throw new IllegalArgumentException("'" + text + "': a port is required (address:port)");
            }
            p = defaultPort;
        } else {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': bad port '" + port + "'");
            }
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("'" + text + "': port must be 1..65535");
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), p);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "': not a numeric IP address");
        }
    }

    private static boolean isNumericAddress(String host) {
        if (host.isEmpty()) {
            return false;
        }
        if (host.indexOf(':') >= 0) {
            return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
