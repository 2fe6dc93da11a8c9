package io.lvsfeedback.netlink.ipvs;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The IPVS table over generic netlink, without forking ipvsadm. A client works in the network
 * namespace of the thread that opened it and needs CAP_NET_ADMIN. Failures are
 * {@link io.lvsfeedback.netlink.NetlinkException}s; the subclasses name the usual cases
 * ({@link io.lvsfeedback.netlink.IpvsNotAvailableException}, {@link io.lvsfeedback.netlink.PermissionDeniedException},
 * {@link io.lvsfeedback.netlink.ServiceNotFoundException}, {@link io.lvsfeedback.netlink.DestinationNotFoundException},
 * {@link io.lvsfeedback.netlink.AlreadyExistsException}). An interface so policy code can be tested
 * without a kernel. Not thread-safe beyond one call at a time (calls are serialized).
 */
public interface IpvsClient extends AutoCloseable {

    /** Opens a client: a generic netlink socket (5 s reply timeout) and the IPVS family lookup. */
    static IpvsClient open() {
        return NetlinkIpvsClient.open();
    }

    /** Version and connection table size. */
    IpvsInfo info();

    /** Every virtual service, in the kernel's order. */
    List<Service> services();

    /** One service by key; {@link io.lvsfeedback.netlink.ServiceNotFoundException} if absent. */
    Service service(ServiceKey key);

    /** The destinations of a service; {@link io.lvsfeedback.netlink.ServiceNotFoundException} if the service is absent. */
    List<Destination> destinations(Service service);

    /** As {@link #destinations(Service)}, by key. */
    List<Destination> destinations(ServiceKey key);

    void addService(Service service);

    void removeService(Service service);

    void addDestination(Service service, Destination destination);

    void removeDestination(Service service, InetSocketAddress destination);

    /**
     * Writes a new weight, sending back {@code current}'s forwarding method, thresholds and tunnel
     * settings (SET_DEST resets what it omits). {@code current} should be what was last read.
     */
    void setWeight(Service service, Destination current, int weight);

    /**
     * Writes several weights: many SET_DEST per send, one pass of acks. Returns one result per
     * change, in order; a failed change does not stop the others.
     */
    List<WeightResult> applyWeights(List<WeightChange> changes);

    @Override
    void close();
}
