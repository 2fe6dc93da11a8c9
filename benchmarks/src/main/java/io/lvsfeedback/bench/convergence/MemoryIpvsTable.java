package io.lvsfeedback.bench.convergence;

import io.lvsfeedback.bridge.ipvs.DestinationEntry;
import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.bridge.ipvs.IpvsTable;
import io.lvsfeedback.bridge.ipvs.ServiceEntry;
import io.lvsfeedback.bridge.ipvs.TableSnapshot;
import io.lvsfeedback.bridge.ipvs.WeightWrite;
import io.lvsfeedback.bridge.ipvs.WriteResult;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service's destinations in memory, for a host without IPVS: the bridge reads back what it
 * wrote, as from the kernel. What is measured here is how fast the weights move, not what IPVS
 * does with them (that is the lab's part).
 */
final class MemoryIpvsTable implements IpvsTable {
    private final ServiceKey service;
    private final Map<DestinationKey, Integer> weights = new LinkedHashMap<>();

    MemoryIpvsTable(ServiceKey service, List<DestinationKey> destinations, int weight) {
        this.service = service;
        destinations.forEach(d -> weights.put(d, weight));
    }

    synchronized int weight(DestinationKey d) {
        return weights.getOrDefault(d, -1);
    }

    @Override
    public synchronized TableSnapshot read() {
        return new TableSnapshot(List.of(new ServiceEntry(service, "wrr", destinations(service))));
    }

    @Override
    public synchronized List<DestinationEntry> destinations(ServiceKey s) {
        List<DestinationEntry> out = new ArrayList<>();
        if (s.equals(service)) {
            weights.forEach((d, w) -> out.add(new DestinationEntry(d, w, 0)));
        }
        return out;
    }

    @Override
    public synchronized List<WriteResult> write(List<WeightWrite> changes) {
        List<WriteResult> results = new ArrayList<>();
        for (WeightWrite w : changes) {
            if (w.service().equals(service) && weights.containsKey(w.destination())) {
                weights.put(w.destination(), w.weight());
                results.add(WriteResult.ok(w));
            } else {
                results.add(WriteResult.failed(w, "no such destination"));
            }
        }
        return results;
    }

    @Override
    public void close() {
        // nothing held
    }
}
