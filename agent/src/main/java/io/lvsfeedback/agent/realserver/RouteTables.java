package io.lvsfeedback.agent.realserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Finds the preferred default route in {@code /proc/net/route} (IPv4) and {@code /proc/net/ipv6_route}. */
final class RouteTables {
    private static final int RTF_UP = 0x0001;
    private static final int RTF_GATEWAY = 0x0002;
    private static final int RTF_REJECT = 0x0200;

    private final Path procNet;

    RouteTables(Path procNetRoot) {
        this.procNet = procNetRoot;
    }

    /** The lowest-metric usable default route of the family, or empty when there is none. */
    Optional<DefaultRoute> defaultRoute(boolean ipv6) throws EnvironmentException {
        List<DefaultRoute> routes = ipv6 ? parseIpv6(read("ipv6_route")) : parseIpv4(read("route"));
        return routes.stream().min(Comparator.comparingLong(DefaultRoute::metric));
    }

    private List<String> read(String file) throws EnvironmentException {
        Path path = procNet.resolve(file);
        try {
            return Files.readAllLines(path, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        } catch (IOException e) {
            throw new EnvironmentException("cannot read " + path + ": " + e);
        }
    }

    /**
     * Columns: Iface Destination Gateway Flags RefCnt Use Metric Mask ...; addresses are the raw
     * network-order u32 printed as a host-order hex number, so the bytes follow the native order.
     */
    static List<DefaultRoute> parseIpv4(List<String> lines) {
        List<DefaultRoute> routes = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            try {
                int flags = Integer.parseInt(f[3], 16);
                if (!f[1].equals("00000000") || !f[7].equals("00000000") || (flags & RTF_UP) == 0
                        || (flags & RTF_REJECT) != 0) {
                    continue;
                }
                InetAddress gateway = (flags & RTF_GATEWAY) == 0 ? null : ipv4FromProcHex(f[2]);
                routes.add(new DefaultRoute(gateway, f[0], Long.parseLong(f[6])));
            } catch (NumberFormatException | UnknownHostException e) {
                // A line we do not understand is not a default route we can use.
            }
        }
        return routes;
    }

    /** Columns: dest destlen src srclen gateway metric refcnt use flags iface, addresses as 32 hex digits. */
    static List<DefaultRoute> parseIpv6(List<String> lines) {
        List<DefaultRoute> routes = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            try {
                int flags = (int) Long.parseLong(f[8], 16);
                if (!f[1].equals("00") || !isZero(f[0]) || (flags & RTF_UP) == 0 || (flags & RTF_REJECT) != 0) {
                    continue;
                }
                InetAddress gateway = isZero(f[4]) ? null : InetAddress.getByAddress(hexBytes(f[4]));
                routes.add(new DefaultRoute(gateway, f[9], Long.parseLong(f[5], 16)));
            } catch (NumberFormatException | UnknownHostException e) {
                // Skip what we cannot parse.
            }
        }
        return routes;
    }

    private static InetAddress ipv4FromProcHex(String hex) throws UnknownHostException {
        int raw = (int) Long.parseLong(hex, 16);
        byte[] bytes = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(raw).array();
        return InetAddress.getByAddress(bytes);
    }

    private static boolean isZero(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }

    private static byte[] hexBytes(String hex) {
        if (hex.length() != 32) {
            throw new NumberFormatException("not an IPv6 address: " + hex);
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
