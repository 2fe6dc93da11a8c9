package io.lvsfeedback.samples.demo;

import java.util.ArrayList;
import java.util.List;

/** Reads the destinations of one virtual service from the text of {@code ipvsadm -Ln}. */
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
                        || words[0].equals("SCTP")) && words[1].equals(service);
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
                out.add(new IpvsDestination(w[0], w[1], Integer.parseInt(w[2]), Integer.parseInt(w[3]),
                        Integer.parseInt(w[4])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unexpected ipvsadm destination line: '" + line + "'", e);
            }
        }
        return out;
    }
}
