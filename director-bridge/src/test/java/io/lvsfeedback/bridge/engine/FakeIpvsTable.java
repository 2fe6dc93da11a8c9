package io.lvsfeedback.bridge.engine;

import io.lvsfeedback.bridge.ipvs.DestinationEntry;
import io.lvsfeedback.bridge.ipvs.IpvsException;
import io.lvsfeedback.bridge.ipvs.IpvsTable;
import io.lvsfeedback.bridge.ipvs.ServiceEntry;
import io.lvsfeedback.bridge.ipvs.TableSnapshot;
import io.lvsfeedback.bridge.ipvs.WeightWrite;
import io.lvsfeedback.bridge.ipvs.WriteResult;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory IPVS table with the kernel's write semantics for weights (unknown destination: ENOENT). */
public final class FakeIpvsTable implements IpvsTable {
    private final Map<String, String> schedulers = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> weights = new LinkedHashMap<>();
    public final List<List<WeightWrite>> batches = new ArrayList<>();
    public boolean failReads;
    /** Runs inside write(), before the changes apply: simulates another party racing the bridge. */
    public Runnable beforeWrite = () -> {};

    public FakeIpvsTable service(String key, String scheduler) {
        schedulers.put(key, scheduler);
        weights.putIfAbsent(key, new LinkedHashMap<>());
        return this;
    }

    /** What an operator's ipvsadm -a / -e does. */
    public FakeIpvsTable dest(String service, String dest, int weight) {
        weights.get(service).put(dest, weight);
        return this;
    }

    public void removeDest(String service, String dest) {
        weights.get(service).remove(dest);
    }

    public int weight(String service, String dest) {
        return weights.get(service).get(dest);
    }

    public Map<String, Integer> destinations(String service) {
        return Map.copyOf(weights.get(service));
    }

    public int writes() {
        return batches.stream().mapToInt(List::size).sum();
    }

    @Override
    public TableSnapshot read() throws IpvsException {
        if (failReads) {
            throw new IpvsException("netlink: EPERM (fake)");
        }
        List<ServiceEntry> services = new ArrayList<>();
        for (Map.Entry<String, Map<String, Integer>> s : weights.entrySet()) {
            List<DestinationEntry> dests = new ArrayList<>();
            for (Map.Entry<String, Integer> d : s.getValue().entrySet()) {
                String[] hp = d.getKey().split(":");
                dests.add(new DestinationEntry(address(hp[0]), Integer.parseInt(hp[1]), d.getValue(), 0));
            }
            services.add(new ServiceEntry(s.getKey(), schedulers.get(s.getKey()), dests));
        }
        return new TableSnapshot(services);
    }

    @Override
    public List<WriteResult> write(List<WeightWrite> changes) {
        beforeWrite.run();
        batches.add(List.copyOf(changes));
        List<WriteResult> out = new ArrayList<>();
        for (WeightWrite w : changes) {
            Map<String, Integer> svc = weights.get(w.serviceKey());
            if (svc == null) {
                out.add(WriteResult.failed(w, "ESRCH: no such service"));
            } else if (!svc.containsKey(w.destinationKey())) {
                out.add(WriteResult.failed(w, "ENOENT: no such destination"));
            } else {
                svc.put(w.destinationKey(), w.weight());
                out.add(WriteResult.ok(w));
            }
        }
        return out;
    }

    private static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    @Override
    public void close() {}
}
