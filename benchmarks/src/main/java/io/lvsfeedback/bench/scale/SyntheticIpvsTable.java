package io.lvsfeedback.bench.scale;

import io.lvsfeedback.bridge.ipvs.DestinationEntry;
import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.bridge.ipvs.IpvsTable;
import io.lvsfeedback.bridge.ipvs.ServiceEntry;
import io.lvsfeedback.bridge.ipvs.TableSnapshot;
import io.lvsfeedback.bridge.ipvs.WeightWrite;
import io.lvsfeedback.bridge.ipvs.WriteResult;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory IPVS table for hosts without IPVS: {@code services} services tcp:10.100.0.S:80,
 * each with destinations 10.77.S.D:80, weight 100 at start. Reads return what was written, so the
 * bridge sees its own writes as it would in the kernel. Netlink cost is measured apart (weight sweep).
 */
final class SyntheticIpvsTable implements IpvsTable {
    private final Map<ServiceKey, Map<DestinationKey, DestinationEntry>> services = new LinkedHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    SyntheticIpvsTable(int serviceCount, int destinationsPerService) {
        if (serviceCount < 1 || serviceCount > 250 || destinationsPerService < 1 || destinationsPerService > 250) {
            throw new IllegalArgumentException("services and destinations per service must be within 1..250");
        }
        for (int s = 1; s <= serviceCount; s++) {
            Map<DestinationKey, DestinationEntry> ds = new LinkedHashMap<>();
            for (int d = 1; d <= destinationsPerService; d++) {
                DestinationEntry e = new DestinationEntry(new DestinationKey(address(10, 77, s, d), 80), 100, 0);
                ds.put(e.key(), e);
            }
            services.put(ServiceKey.parse("tcp:10.100.0." + s + ":80"), ds);
        }
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized TableSnapshot read() {
        List<ServiceEntry> out = new ArrayList<>(services.size());
        services.forEach((key, ds) -> out.add(new ServiceEntry(key, "wrr", new ArrayList<>(ds.values()))));
        return new TableSnapshot(out);
    }

    @Override
    public synchronized List<DestinationEntry> destinations(ServiceKey service) {
        Map<DestinationKey, DestinationEntry> ds = services.get(service);
        return ds == null ? List.of() : new ArrayList<>(ds.values());
    }

    @Override
    public synchronized List<WriteResult> write(List<WeightWrite> changes) {
        List<WriteResult> results = new ArrayList<>(changes.size());
        for (WeightWrite w : changes) {
            Map<DestinationKey, DestinationEntry> ds = services.get(w.service());
            DestinationEntry d = ds == null ? null : ds.get(w.destination());
            if (d == null) {
                results.add(WriteResult.failed(w, "no such destination"));
                continue;
            }
            ds.put(d.key(), new DestinationEntry(d.key(), w.weight(), d.activeConnections()));
            writes.incrementAndGet();
            results.add(WriteResult.ok(w));
        }
        return results;
    }

    long writes() {
        return writes.get();
    }

    @Override
    public void close() {
        // nothing to release
    }
}
