package io.lvsfeedback.bridge.engine;

import io.lvsfeedback.bridge.ipvs.DestinationEntry;
import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.bridge.ipvs.IpvsException;
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
 * An in-memory IPVS table with the kernel's write semantics for weights (unknown destination:
 * ENOENT). Keys are typed inside; the helpers take their text forms ({@code tcp:10.0.0.10:80},
 * {@code 10.0.0.1:80}) so tests read like ipvsadm.
 */
public final class FakeIpvsTable implements IpvsTable {
    private final Map<ServiceKey, String> schedulers = new LinkedHashMap<>();
    private final Map<ServiceKey, Integer> flags = new LinkedHashMap<>();
    private final Map<ServiceKey, Map<DestinationKey, Integer>> weights = new LinkedHashMap<>();
    public final List<List<WeightWrite>> batches = new ArrayList<>();
    public boolean failReads;
    public boolean failRereads;
    /** Calls of {@link #destinations(ServiceKey)}: the re-reads of single services. */
    public int rereads;
    /** Runs inside write(), before the changes apply: simulates another party racing the bridge. */
    public Runnable beforeWrite = () -> {};
    /** Runs once, just after the next read() took its snapshot: another party writing while the bridge polls. */
    public Runnable afterRead;

    public FakeIpvsTable service(String key, String scheduler) {
        ServiceKey k = ServiceKey.parse(key);
        schedulers.put(k, scheduler);
        weights.putIfAbsent(k, new LinkedHashMap<>());
        return this;
    }

    /** The service's kernel flags (ipvsadm -E ... -b FLAGS). */
    public FakeIpvsTable flags(String service, int serviceFlags) {
        flags.put(ServiceKey.parse(service), serviceFlags);
        return this;
    }

    /** What an operator's ipvsadm -a / -e does. */
    public FakeIpvsTable dest(String service, String dest, int weight) {
        weights.get(ServiceKey.parse(service)).put(DestinationKey.parse(dest), weight);
        return this;
    }

    public void removeDest(String service, String dest) {
        weights.get(ServiceKey.parse(service)).remove(DestinationKey.parse(dest));
    }

    public int weight(String service, String dest) {
        return weights.get(ServiceKey.parse(service)).get(DestinationKey.parse(dest));
    }

    /** The destinations of a service by their text form, with their weights. */
    public Map<String, Integer> destinations(String service) {
        Map<String, Integer> out = new LinkedHashMap<>();
        weights.get(ServiceKey.parse(service)).forEach((d, w) -> out.put(d.toString(), w));
        return out;
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
        for (Map.Entry<ServiceKey, Map<DestinationKey, Integer>> s : weights.entrySet()) {
            List<DestinationEntry> dests = new ArrayList<>();
            s.getValue().forEach((d, w) -> dests.add(new DestinationEntry(d, w, 0)));
            services.add(new ServiceEntry(s.getKey(), schedulers.get(s.getKey()), flags.getOrDefault(s.getKey(), 0), dests));
        }
        Runnable after = afterRead;
        afterRead = null;
        if (after != null) {
            after.run();
        }
        return new TableSnapshot(services);
    }

    @Override
    public List<DestinationEntry> destinations(ServiceKey service) throws IpvsException {
        rereads++;
        if (failRereads) {
            throw new IpvsException("netlink: EBUSY (fake)");
        }
        List<DestinationEntry> dests = new ArrayList<>();
        weights.getOrDefault(service, Map.of()).forEach((d, w) -> dests.add(new DestinationEntry(d, w, 0)));
        return dests;
    }

    @Override
    public List<WriteResult> write(List<WeightWrite> changes) {
        beforeWrite.run();
        batches.add(List.copyOf(changes));
        List<WriteResult> out = new ArrayList<>();
        for (WeightWrite w : changes) {
            Map<DestinationKey, Integer> svc = weights.get(w.service());
            if (svc == null) {
                out.add(WriteResult.failed(w, "ESRCH: no such service"));
            } else if (!svc.containsKey(w.destination())) {
                out.add(WriteResult.failed(w, "ENOENT: no such destination"));
            } else {
                svc.put(w.destination(), w.weight());
                out.add(WriteResult.ok(w));
            }
        }
        return out;
    }

    @Override
    public void close() {}
}
