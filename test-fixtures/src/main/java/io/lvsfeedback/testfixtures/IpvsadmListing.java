package io.lvsfeedback.testfixtures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one parser of {@code ipvsadm -Ln} output for every module's tests (plain, {@code --thresholds},
 * {@code --tun-info}): kernel tests read the kernel's table through this independent tool. A line
 * it does not understand is an error naming that line. The destination columns are taken from the
 * listing's own header (the plain one when there is none), and the numeric ones must be numbers.
 */
public final class IpvsadmListing {
    private static final List<String> PLAIN_COLUMNS = List.of("Forward", "Weight", "ActiveConn", "InActConn");
    private static final Set<String> NUMERIC = Set.of("Weight", "ActiveConn", "InActConn", "Uthreshold", "Lthreshold");

    private final List<Service> services;

    private IpvsadmListing(List<Service> services) {
        this.services = Collections.unmodifiableList(services);
    }

    public List<Service> services() {
        return services;
    }

    /** The service with this protocol ("TCP", "UDP", "SCTP", "FWM") and address as printed ("10.0.0.1:80", "[::1]:53", "5"). */
    public Optional<Service> service(String protocol, String address) {
        return services.stream().filter(s -> s.protocol.equals(protocol) && s.address.equals(address)).findFirst();
    }

    /** Every service line to its destination lines, runs of spaces collapsed: "TCP 10.0.0.1:80 wrr" -> ["-> 10.0.0.2:80 Route 3 0 0"]. */
    public Map<String, List<String>> lines() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Service s : services) {
            List<String> destinations = new ArrayList<>();
            s.destinations.forEach(d -> destinations.add(d.line()));
            out.put(s.line(), destinations);
        }
        return out;
    }

    public static IpvsadmListing parse(String text) {
        List<Service> services = new ArrayList<>();
        List<String> columns = PLAIN_COLUMNS;
        List<String> serviceHeader = List.of();
        Service current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].trim();
            List<String> fields = line.isEmpty() ? List.of() : Arrays.asList(line.split("\\s+"));
            if (line.isEmpty() || line.startsWith("IP Virtual Server version")) {
                continue;
            }
            if (line.startsWith("Prot LocalAddress")) {
                serviceHeader = List.copyOf(fields.subList(2, fields.size()));
            } else if (line.startsWith("-> RemoteAddress")) {
                // --thresholds names its columns on the Prot line and leaves this one bare
                columns = fields.size() > 2 ? List.copyOf(fields.subList(2, fields.size())) : serviceHeader;
            } else if (line.startsWith("-> ")) {
                if (current == null) {
                    throw error(number, "destination before any service", line);
                }
                current.destinations.add(Destination.parse(fields, columns, number, line));
            } else if (line.matches("^(TCP|UDP|SCTP|FWM)\\s.*")) {
                if (fields.size() < 3) {
                    throw error(number, "service without scheduler", line);
                }
                current = new Service(fields.get(0), address(fields.get(0), fields.get(1), number), fields.get(2),
                        String.join(" ", fields.subList(3, fields.size())));
                services.add(current);
            } else {
                throw error(number, "not an ipvsadm -Ln line", line);
            }
        }
        return new IpvsadmListing(services);
    }

    private static String address(String protocol, String text, int number) {
        if (protocol.equals("FWM")) {
            if (!text.matches("\\d+")) {
                throw error(number, "expected a firewall mark, got", text);
            }
            return text;
        }
        Endpoint.parse(text, number); // checks address:port
        return text;
    }

    private static IllegalArgumentException error(int number, String problem, String line) {
        return new IllegalArgumentException("line " + number + ": " + problem + ": " + line);
    }

    /** An IPv4 or bracketed IPv6 address with a port, as ipvsadm prints it. */
    public static final class Endpoint {
        public final String address;
        public final int port;

        Endpoint(String address, int port) {
            this.address = address;
            this.port = port;
        }

        static Endpoint parse(String text, int number) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw error(number, "expected address:port, got", text);
            }
            String address = text.substring(0, colon);
            if (address.startsWith("[") && address.endsWith("]")) {
                address = address.substring(1, address.length() - 1);
            }
            try {
                return new Endpoint(address, Integer.parseInt(text.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw error(number, "bad port in", text);
            }
        }

        @Override
        public String toString() {
            return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        }
    }

    /** A virtual service line, e.g. {@code TCP  10.77.0.100:8080 wrr persistent 300} or {@code FWM  5 rr}. */
    public static final class Service {
        public final String protocol;
        /** As printed: "10.77.0.100:8080", "[2001:db8::1]:53", or the mark of an FWM service. */
        public final String address;
        public final String scheduler;
        public final String flags;
        public final List<Destination> destinations = new ArrayList<>();

        Service(String protocol, String address, String scheduler, String flags) {
            this.protocol = protocol;
            this.address = address;
            this.scheduler = scheduler;
            this.flags = flags;
        }

        /** Address and port; not for FWM services. */
        public Endpoint endpoint() {
            return Endpoint.parse(address, 0);
        }

        /** The service line with runs of spaces collapsed. */
        public String line() {
            return protocol + " " + address + " " + scheduler + (flags.isEmpty() ? "" : " " + flags);
        }
    }

    /** A destination line, e.g. {@code -> 10.77.0.11:8080  Route  3  0  0}, with the header's columns. */
    public static final class Destination {
        public final Endpoint endpoint;
        private final List<String> names;
        private final List<String> values;

        private Destination(Endpoint endpoint, List<String> names, List<String> values) {
            this.endpoint = endpoint;
            this.names = names;
            this.values = values;
        }

        static Destination parse(List<String> fields, List<String> names, int number, String line) {
            List<String> values = fields.subList(2, fields.size());
            if (values.size() != names.size()) {
                throw error(number, "expected " + names.size() + " columns " + names + " after the address", line);
            }
            for (int i = 0; i < names.size(); i++) {
                if (NUMERIC.contains(names.get(i)) && !values.get(i).matches("\\d+")) {
                    throw error(number, "bad number in", line);
                }
            }
            return new Destination(Endpoint.parse(fields.get(1), number), names, List.copyOf(values));
        }

        /** The column with this header name (e.g. "Forward", "Weight", "Uthreshold"). */
        public String column(String name) {
            int i = names.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no column " + name + " in " + names);
            }
            return values.get(i);
        }

        public int number(String name) {
            return Integer.parseInt(column(name));
        }

        public String forward() {
            return column("Forward");
        }

        public int weight() {
            return number("Weight");
        }

        public int activeConnections() {
            return number("ActiveConn");
        }

        public int inactiveConnections() {
            return number("InActConn");
        }

        /** The destination line with runs of spaces collapsed. */
        public String line() {
            return "-> " + endpoint + " " + String.join(" ", values);
        }
    }
}
