package io.lvsfeedback.netlink.lab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The parsed output of {@code ipvsadm -Ln}: virtual services, each with its destinations. Kernel
 * tests use it to read the kernel's table through an independent tool.
 */
final class IpvsadmListing {
    private final List<Service> services;

    private IpvsadmListing(List<Service> services) {
        this.services = Collections.unmodifiableList(services);
    }

    List<Service> services() {
        return services;
    }

    /** The service with this protocol ("TCP", "UDP", "SCTP") and "address:port", if listed. */
    Optional<Service> service(String protocol, String addressAndPort) {
        return services.stream()
                .filter(s -> s.protocol.equals(protocol) && s.endpoint.toString().equals(addressAndPort))
                .findFirst();
    }

    /** Parses the numeric listing; a line it does not understand is an error naming that line. */
    static IpvsadmListing parse(String text) {
        List<Service> services = new ArrayList<>();
        Service current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            String[] fields = line.trim().split("\\s+");
            if (line.isBlank() || isHeader(line)) {
                continue;
            }
            if (line.startsWith("  -> ")) {
                if (current == null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": destination before any service: " + line);
                }
                current.destinations.add(Destination.parse(fields, i + 1, line));
            } else if (line.matches("^(TCP|UDP|SCTP)\\s.*")) {
                if (fields.length < 3) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": service without scheduler: " + line);
                }
                current = new Service(fields[0], Endpoint.parse(fields[1], i + 1), fields[2],
                        String.join(" ", List.of(fields).subList(3, fields.length)));
                services.add(current);
            } else {
                throw new IllegalArgumentException("line " + (i + 1) + ": not an ipvsadm -Ln line: " + line);
            }
        }
        return new IpvsadmListing(services);
    }

    private static boolean isHeader(String line) {
        return line.startsWith("IP Virtual Server version") || line.startsWith("Prot LocalAddress")
                || line.trim().startsWith("-> RemoteAddress");
    }

    /** An IPv4 or bracketed IPv6 address with a port, as ipvsadm prints it. */
    static final class Endpoint {
        final String address;
        final int port;

        Endpoint(String address, int port) {
            this.address = address;
            this.port = port;
        }

        static Endpoint parse(String text, int lineNumber) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("line " + lineNumber + ": expected address:port, got " + text);
            }
            String address = text.substring(0, colon);
            if (address.startsWith("[") && address.endsWith("]")) {
                address = address.substring(1, address.length() - 1);
            }
            try {
                return new Endpoint(address, Integer.parseInt(text.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + lineNumber + ": bad port in " + text, e);
            }
        }

        @Override
        public String toString() {
            return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        }
    }

    /** A virtual service line, e.g. {@code TCP  10.77.0.100:8080 wrr persistent 300}. */
    static final class Service {
        final String protocol;
        final Endpoint endpoint;
        final String scheduler;
        final String flags;
        final List<Destination> destinations = new ArrayList<>();

        Service(String protocol, Endpoint endpoint, String scheduler, String flags) {
            this.protocol = protocol;
            this.endpoint = endpoint;
            this.scheduler = scheduler;
            this.flags = flags;
        }
    }

    /** A destination line, e.g. {@code -> 10.77.0.11:8080  Route  3  0  0}. */
    static final class Destination {
        final Endpoint endpoint;
        final String forward;
        final int weight;
        final int activeConnections;
        final int inactiveConnections;

        Destination(Endpoint endpoint, String forward, int weight, int activeConnections, int inactiveConnections) {
            this.endpoint = endpoint;
            this.forward = forward;
            this.weight = weight;
            this.activeConnections = activeConnections;
            this.inactiveConnections = inactiveConnections;
        }

        static Destination parse(String[] fields, int lineNumber, String line) {
            // fields: "->", address:port, forward, weight, active, inactive
            if (fields.length != 6) {
                throw new IllegalArgumentException("line " + lineNumber + ": expected 5 destination fields: " + line);
            }
            try {
                return new Destination(Endpoint.parse(fields[1], lineNumber), fields[2], Integer.parseInt(fields[3]),
                        Integer.parseInt(fields[4]), Integer.parseInt(fields[5]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + lineNumber + ": bad number in " + line, e);
            }
        }
    }
}
