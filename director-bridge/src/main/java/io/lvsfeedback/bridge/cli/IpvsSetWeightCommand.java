package io.lvsfeedback.bridge.cli;

import io.lvsfeedback.netlink.DestinationNotFoundException;
import io.lvsfeedback.netlink.NetlinkException;
import io.lvsfeedback.netlink.internal.Errno;
import io.lvsfeedback.netlink.ipvs.AddressLiterals;
import io.lvsfeedback.netlink.ipvs.Destination;
import io.lvsfeedback.netlink.ipvs.IpvsClient;
import io.lvsfeedback.netlink.ipvs.Service;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ipvs set-weight SERVICE DEST WEIGHT}: changes one destination's weight and keeps its
 * forwarding method, thresholds and tunnel settings (unlike {@code ipvsadm -e} without -x/-y).
 */
@Command(name = "set-weight", mixinStandardHelpOptions = true,
        description = "Change one destination's weight, keeping its other settings.")
public final class IpvsSetWeightCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SERVICE", converter = ServiceKeyConverter.class,
            description = "tcp:VIP:PORT, udp:VIP:PORT, sctp:VIP:PORT, fwm:MARK or fwm6:MARK (IPv6 as [ADDR]).")
    ServiceKey service;

    @Parameters(index = "1", paramLabel = "DEST", converter = EndpointConverter.class,
            description = "RIP:PORT of the destination (IPv6 as [ADDR]:PORT).")
    InetSocketAddress destination;

    @Parameters(index = "2", paramLabel = "WEIGHT", converter = WeightConverter.class,
            description = "New weight, 0..2147483647 (ipvsadm accepts up to 65535).")
    int weight;

    @Override
    public Integer call() {
        String destinationText = AddressLiterals.format(destination.getAddress(), destination.getPort());
        try (IpvsClient client = IpvsClient.open()) {
            Service current = client.service(service);
            Destination existing = client.destinations(current).stream()
                    .filter(d -> d.address().equals(destination.getAddress()) && d.port() == destination.getPort())
                    .findFirst()
                    .orElseThrow(() -> new DestinationNotFoundException(Errno.ENOENT,
                            "destination not found: " + destinationText + " in " + service));
            client.setWeight(current, existing, weight);
            spec.commandLine().getOut().println(service + " " + destinationText + " weight " + existing.weight()
                    + " -> " + weight);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (NetlinkException e) {
            spec.commandLine().getErr().println("ipvs set-weight: " + e.getMessage());
            return 1;
        }
    }

    /** SERVICE argument: the error names the bad service text. */
    static final class ServiceKeyConverter implements CommandLine.ITypeConverter<ServiceKey> {
        @Override
        public ServiceKey convert(String value) {
            try {
                return ServiceKey.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** DEST argument. */
    static final class EndpointConverter implements CommandLine.ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            try {
                return AddressLiterals.parseEndpoint(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("bad destination: " + e.getMessage());
            }
        }
    }

    /** WEIGHT argument: a non-negative int. */
    static final class WeightConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int weight = Integer.parseInt(value);
                if (weight >= 0) {
                    return weight;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException("bad weight '" + value + "': must be 0..2147483647");
        }
    }
}
