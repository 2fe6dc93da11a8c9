package io.lvsfeedback.bridge.ipvs;

import io.lvsfeedback.netlink.NetlinkException;
import io.lvsfeedback.netlink.ServiceNotFoundException;
import io.lvsfeedback.netlink.ipvs.Destination;
import io.lvsfeedback.netlink.ipvs.IpvsClient;
import io.lvsfeedback.netlink.ipvs.Service;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import io.lvsfeedback.netlink.ipvs.WeightChange;
import io.lvsfeedback.netlink.ipvs.WeightResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's IPVS table over the netlink module's {@link IpvsClient}. Keeps the last read's
 * services and destinations, because SET_DEST must send back a destination's forwarding method,
 * thresholds and tunnel settings with the new weight.
 */
public final class NetlinkIpvsTable implements IpvsTable {
    private final IpvsClient client;
    private Map<ServiceKey, Service> services = Map.of();
    private Map<ServiceDestination, Destination> destinations = new HashMap<>(); // as last read

    public NetlinkIpvsTable(IpvsClient client) {
        this.client = client;
    }

    /** Opens a netlink client in the caller's network namespace. */
    public static NetlinkIpvsTable open() throws IpvsException {
        try {
            return new NetlinkIpvsTable(IpvsClient.open());
        } catch (NetlinkException e) {
            throw new IpvsException("cannot open IPVS over netlink: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized TableSnapshot read() throws IpvsException {
        try {
            Map<ServiceKey, Service> svcs = new HashMap<>();
            Map<ServiceDestination, Destination> dests = new HashMap<>();
            List<ServiceEntry> entries = new ArrayList<>();
            for (Service s : client.services()) {
                ServiceKey key = s.key();
                List<Destination> ds;
                try {
                    ds = client.destinations(s);
                } catch (ServiceNotFoundException gone) {
                    continue; // deleted between the two dumps: it is simply not there any more
                }
                List<DestinationEntry> de = new ArrayList<>(ds.size());
                for (Destination d : ds) {
                    DestinationEntry e = entry(d);
                    de.add(e);
                    dests.put(new ServiceDestination(key, e.key()), d);
                }
                svcs.put(key, s);
                entries.add(new ServiceEntry(key, s.scheduler(), s.flags(), de));
            }
            services = svcs;
            destinations = dests;
            return new TableSnapshot(entries);
        } catch (NetlinkException e) {
            throw new IpvsException(e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<DestinationEntry> destinations(ServiceKey service) throws IpvsException {
        List<Destination> ds;
        try {
            ds = client.destinations(service);
        } catch (ServiceNotFoundException gone) {
            return List.of();
        } catch (NetlinkException e) {
            throw new IpvsException(e.getMessage(), e);
        }
        List<DestinationEntry> out = new ArrayList<>(ds.size());
        for (Destination d : ds) {
            DestinationEntry e = entry(d);
            out.add(e);
            destinations.put(new ServiceDestination(service, e.key()), d);
        }
        return out;
    }

    @Override
    public synchronized List<WriteResult> write(List<WeightWrite> changes) throws IpvsException {
        List<WriteResult> results = new ArrayList<>(changes.size());
        List<WeightChange> batch = new ArrayList<>();
        List<WeightWrite> batched = new ArrayList<>();
        for (WeightWrite w : changes) {
            Service s = services.get(w.service());
            Destination d = destinations.get(w.target());
            if (s == null || d == null) {
                results.add(WriteResult.failed(w, "not in the last IPVS read"));
                continue;
            }
            batch.add(new WeightChange(s, d, w.weight()));
            batched.add(w);
        }
        if (batch.isEmpty()) {
            return results;
        }
        List<WeightResult> applied;
        try {
            applied = client.applyWeights(batch);
        } catch (NetlinkException e) {
            throw new IpvsException(e.getMessage(), e);
        }
        for (int i = 0; i < batched.size(); i++) {
            WeightResult r = applied.get(i);
            results.add(r.succeeded() ? WriteResult.ok(batched.get(i))
                    : WriteResult.failed(batched.get(i), r.error().getMessage()));
        }
        return results;
    }

    private static DestinationEntry entry(Destination d) {
        return new DestinationEntry(new DestinationKey(d.address(), d.port()), d.weight(), d.activeConnections());
    }

    @Override
    public synchronized void close() {
        client.close();
    }
}
