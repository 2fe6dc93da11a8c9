package io.lvsfeedback.netlink.ipvs;

import io.lvsfeedback.netlink.AlreadyExistsException;
import io.lvsfeedback.netlink.DestinationNotFoundException;
import io.lvsfeedback.netlink.IpvsNotAvailableException;
import io.lvsfeedback.netlink.MalformedMessageException;
import io.lvsfeedback.netlink.NetlinkException;
import io.lvsfeedback.netlink.ServiceNotFoundException;
import io.lvsfeedback.netlink.internal.ErrorMapper;
import io.lvsfeedback.netlink.internal.Errno;
import io.lvsfeedback.netlink.internal.KernelReply;
import io.lvsfeedback.netlink.internal.Message;
import io.lvsfeedback.netlink.internal.MessageBuilder;
import io.lvsfeedback.netlink.internal.NativeNetlinkSocket;
import io.lvsfeedback.netlink.internal.Netlink;
import io.lvsfeedback.netlink.internal.NetlinkConnection;
import io.lvsfeedback.netlink.internal.NetlinkTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/** {@link IpvsClient} over a generic netlink connection. */
final class NetlinkIpvsClient implements IpvsClient {
    static final String NOT_AVAILABLE = "IPVS not available: is the ip_vs module loaded?";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final NetlinkConnection connection;
    /** Re-resolved when a request fails as if the family were gone: ip_vs reloaded gets a new id. */
    private int familyId;

    NetlinkIpvsClient(NetlinkTransport transport) {
        this.connection = new NetlinkConnection(transport, ThreadLocalRandom.current().nextInt(1 << 30));
        try {
            this.familyId = resolveFamily();
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    static NetlinkIpvsClient open() {
        return new NetlinkIpvsClient(NativeNetlinkSocket.open(Netlink.NETLINK_GENERIC, TIMEOUT));
    }

    private int resolveFamily() {
        List<Message> replies = connection.execute(IpvsCodec.resolveFamily(), (errno, text) ->
                errno == Errno.ENOENT
                        ? new IpvsNotAvailableException(errno, NOT_AVAILABLE)
                        : Errno.toException(errno, "looking up the IPVS generic netlink family", text));
        if (replies.isEmpty()) {
            throw new MalformedMessageException(0, "generic netlink family lookup returned no reply");
        }
        return IpvsCodec.decodeFamilyId(replies.get(0));
    }

    @Override
    public synchronized IpvsInfo info() {
        List<Message> replies = withFamily(family -> connection.execute(IpvsCodec.getInfo(family),
                ErrorMapper.forOperation("reading IPVS info")));
        if (replies.isEmpty()) {
            throw new MalformedMessageException(0, "IPVS info request returned no reply");
        }
        return IpvsCodec.decodeInfo(replies.get(0));
    }

    @Override
    public synchronized List<Service> services() {
        List<Service> services = new ArrayList<>();
        for (Message message : withFamily(family -> connection.dump(IpvsCodec.dumpServices(family),
                ErrorMapper.forOperation("listing IPVS services")))) {
            services.add(IpvsCodec.decodeService(message));
        }
        return services;
    }

    @Override
    public synchronized Service service(ServiceKey key) {
        List<Message> replies = withFamily(family -> connection.execute(IpvsCodec.getService(family, key),
                serviceErrors("reading service", key)));
        if (replies.isEmpty()) {
            throw new ServiceNotFoundException(Errno.ESRCH, "service not found: " + key);
        }
        return IpvsCodec.decodeService(replies.get(0));
    }

    @Override
    public List<Destination> destinations(Service service) {
        return destinations(service.key());
    }

    @Override
    public synchronized List<Destination> destinations(ServiceKey key) {
        List<Destination> destinations = new ArrayList<>();
        for (Message message : withFamily(family -> connection.dump(IpvsCodec.dumpDestinations(family, key),
                serviceErrors("listing destinations of", key)))) {
            destinations.add(IpvsCodec.decodeDestination(message, key.isIpv6()));
        }
        if (destinations.isEmpty()) {
            service(key); // the kernel answers an unknown service with an empty dump: tell the two apart
        }
        return destinations;
    }

    @Override
    public synchronized void addService(Service service) {
        withFamily(family -> connection.execute(IpvsCodec.newService(family, service),
                serviceErrors("adding service", service.key())));
    }

    @Override
    public synchronized void removeService(Service service) {
        withFamily(family -> connection.execute(IpvsCodec.deleteService(family, service.key()),
                serviceErrors("removing service", service.key())));
    }

    @Override
    public synchronized void addDestination(Service service, Destination destination) {
        withFamily(family -> connection.execute(IpvsCodec.newDestination(family, service.key(), destination),
                destinationErrors("adding destination", service.key(), destination.address(), destination.port())));
    }

    @Override
    public synchronized void removeDestination(Service service, InetSocketAddress destination) {
        InetAddress address = Objects.requireNonNull(destination.getAddress(), "destination address (unresolved)");
        withFamily(family -> connection.execute(IpvsCodec.deleteDestination(family, service.key(), address, destination.getPort()),
                destinationErrors("removing destination", service.key(), address, destination.getPort())));
    }

    @Override
    public synchronized void setWeight(Service service, Destination current, int weight) {
        Destination updated = current.withWeight(weight);
        withFamily(family -> connection.execute(IpvsCodec.setDestination(family, service.key(), updated),
                destinationErrors("setting weight of", service.key(), current.address(), current.port())));
    }

    @Override
    public synchronized List<WeightResult> applyWeights(List<WeightChange> changes) {
        int used = familyId;
        List<KernelReply> replies = new ArrayList<>(sendWeights(changes, used));
        List<Integer> suspects = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            if (!replies.get(i).ok() && StaleFamily.isSuspect(replies.get(i).errno())) {
                suspects.add(i);
            }
        }
        if (!suspects.isEmpty() && familyChangedSince(used)) {
            List<WeightChange> again = new ArrayList<>(suspects.size());
            suspects.forEach(i -> again.add(changes.get(i)));
            List<KernelReply> retried = sendWeights(again, familyId);
            for (int j = 0; j < suspects.size(); j++) {
                replies.set(suspects.get(j), retried.get(j));
            }
        }
        List<WeightResult> results = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            WeightChange change = changes.get(i);
            KernelReply reply = replies.get(i);
            NetlinkException error = reply.ok() ? null
                    : destinationErrors("setting weight of", change.service().key(), change.current().address(),
                            change.current().port()).map(reply.errno(), reply.kernelMessage());
            results.add(new WeightResult(change, error));
        }
        return results;
    }

    private List<KernelReply> sendWeights(List<WeightChange> changes, int family) {
        List<MessageBuilder> requests = new ArrayList<>(changes.size());
        for (WeightChange change : changes) {
            requests.add(IpvsCodec.setDestination(family, change.service().key(),
                    change.current().withWeight(change.newWeight())));
        }
        return connection.executeBatch(requests);
    }

    /**
     * Runs a request with the current family id; when it fails the way a request to a family that
     * is gone fails, looks the family up again and, if its id changed (ip_vs was reloaded), runs the
     * request once more with the new id. Otherwise the first error stands.
     */
    private List<Message> withFamily(IntFunction<List<Message>> request) {
        int used = familyId;
        try {
            return request.apply(used);
        } catch (NetlinkException e) {
            if (!StaleFamily.isSuspect(e.errno()) || !familyChangedSince(used)) {
                throw e;
            }
            return request.apply(familyId);
        }
    }

    /** Looks the family up again; true if its id is not the one used (an IpvsNotAvailableException if it is gone). */
    private boolean familyChangedSince(int used) {
        familyId = resolveFamily();
        return familyId != used;
    }

    /** The family id in use, for tests. */
    int familyId() {
        return familyId;
    }

    private static ErrorMapper serviceErrors(String operation, ServiceKey key) {
        return (errno, text) -> {
            if (errno == Errno.ESRCH) {
                return new ServiceNotFoundException(errno, "service not found: " + key);
            }
            if (errno == Errno.EEXIST) {
                return new AlreadyExistsException(errno, "service already exists: " + key);
            }
            return Errno.toException(errno, operation + " " + key, text);
        };
    }

    private static ErrorMapper destinationErrors(String operation, ServiceKey key, InetAddress address, int port) {
        String destination = AddressLiterals.format(address, port);
        return (errno, text) -> {
            if (errno == Errno.ESRCH) {
                return new ServiceNotFoundException(errno, "service not found: " + key);
            }
            if (errno == Errno.ENOENT) {
                return new DestinationNotFoundException(errno, "destination not found: " + destination + " in " + key);
            }
            if (errno == Errno.EEXIST) {
                return new AlreadyExistsException(errno, "destination already exists: " + destination + " in " + key);
            }
            return Errno.toException(errno, operation + " " + destination + " in " + key, text);
        };
    }

    @Override
    public void close() {
        connection.close();
    }
}
