package io.lvsfeedback.samples.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the destinations of one virtual service from the text of {@code ipvsadm -Ln}, or from
 * {@code /proc/net/ip_vs} (the same layout with IPv4 addresses and ports in hex, e.g.
 * {@code 0A000064:1F90}), which costs no process start.
 */
public final class IpvsListing {

    private IpvsListing() {
    }

    /**
     * @param service the service line's address, e.g. {@code 10.0.0.100:8080}
     * @return its destinations in listing order; empty when the service is not listed
     * @throws IllegalArgumentException for a destination line that does not parse, naming it
     */
    public static List<IpvsDestination> destinations(String listing, String service) {
        List<IpvsDestination> out = new ArrayList<>();
        boolean inService = false;
        for (String line : listing.split("\n")) {
            if (!line.startsWith(" ")) {
                String[] words = line.trim().split("\\s+");
                inService = words.length >= 2 && (words[0].equals("TCP") || words[0].equals("UDP")
                        || words[0].equals("SCTP")) && dotted(words[1]).equals(service);
                continue;
            }
            String trimmed = line.trim();
            if (!inService || !trimmed.startsWith("->") || trimmed.contains("RemoteAddress")) {
                continue;
            }
            String[] w = trimmed.substring(2).trim().split("\\s+");
            if (w.length < 5) {
                throw new IllegalArgumentException("unexpected ipvsadm destination line: '" + line + "'");
            }
            try {
                out.add(new IpvsDestination(dotted(w[0]), w[1], Integer.parseInt(w[2]), Integer.parseInt(w[3]),
                        Integer.parseInt(w[4])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unexpected ipvsadm destination line: '" + line + "'", e);
            }
        }
        return out;
    }

    /** {@code 0A000064:1F90} (the /proc form) as {@code 10.0.0.100:8080}; anything else unchanged. */
    static String dotted(String address) {
        if (!address.matches("[0-9A-Fa-f]{8}:[0-9A-Fa-f]{4}")) {
            return address;
        }
        long ip = Long.parseLong(address.substring(0, 8), 16);
        int port = Integer.parseInt(address.substring(9), 16);
        return ((ip >> 24) & 255) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255) + ":" + port;
    }
}
