package io.lvsfeedback.bridge.ipvs;

import io.lvsfeedback.netlink.ipvs.AddressLiterals;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What identifies a real server within a service: its address and port. Its text form is
 * {@link Endpoints#format}'s, {@code 10.0.0.2:80} or {@code [2001:db8::2]:80}, as ipvsadm -Ln prints it.
 * Port 0 is allowed: destinations of firewall-mark services may have it.
 */
public record DestinationKey(InetAddress address, int port) {
    public DestinationKey {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("destination port " + port + " is outside 0..65535");
        }
    }

    public static DestinationKey of(InetSocketAddress endpoint) {
        return new DestinationKey(endpoint.getAddress(), endpoint.getPort());
    }

    /**
     * Parses the text form (numeric only, never a DNS lookup).
     *
     * @throws IllegalArgumentException naming the text when it is not {@code ADDRESS:PORT}
     */
    public static DestinationKey parse(String text) {
        try {
            return of(AddressLiterals.parseEndpoint(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad destination '" + text + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return Endpoints.format(address, port);
    }
}
