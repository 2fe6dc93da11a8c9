package io.lvsfeedback.bridge.ipvs;

import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.util.List;

/**
 * The kernel's IPVS table as the bridge needs it: read everything, write weights. The real one
 * talks netlink; tests use a fake, so the policy and the engine are tested without a kernel.
 * Implementations never add or remove services or destinations.
 */
public interface IpvsTable extends AutoCloseable {
    /** Every virtual service with its destinations, as the kernel has them now. */
    TableSnapshot read() throws IpvsException;

    /**
     * The destinations of one service as the kernel has them now: one dump, cheaper than
     * {@link #read()}, for a last look just before a write. Empty when the service is gone. A table
     * that keeps what SET_DEST sends back takes the fresh settings from here.
     */
    List<DestinationEntry> destinations(ServiceKey service) throws IpvsException;

    /**
     * Writes the given weights in one batch. A change whose destination vanished fails alone;
     * the result has one entry per change, in order.
     */
    List<WriteResult> write(List<WeightWrite> changes) throws IpvsException;

    @Override
    void close();
}
