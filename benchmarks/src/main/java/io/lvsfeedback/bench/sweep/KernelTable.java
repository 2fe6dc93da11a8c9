package io.lvsfeedback.bench.sweep;

import io.lvsfeedback.netlink.ipvs.Destination;
import io.lvsfeedback.netlink.ipvs.IpvsClient;
import io.lvsfeedback.netlink.ipvs.Service;
import io.lvsfeedback.netlink.ipvs.WeightChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every destination of the kernel's IPVS table, read in one pass, keyed as the plan files key them. */
final class KernelTable {
    private final Map<String, WeightChangeTarget> entries;

    private KernelTable(Map<String, WeightChangeTarget> entries) {
        this.entries = entries;
    }

    static KernelTable read(IpvsClient client) {
        Map<String, WeightChangeTarget> entries = new LinkedHashMap<>();
        for (Service s : client.services()) {
            String service = s.address().getHostAddress() + ':' + s.port();
            for (Destination d : client.destinations(s)) {
                entries.put(SweepPlan.key(service, d.address().getHostAddress() + ':' + d.port()),
                        new WeightChangeTarget(s, d));
            }
        }
        return new KernelTable(entries);
    }

    int size() {
        return entries.size();
    }

    /**
     * The changes that take the kernel to the plan: only destinations whose weight differs, as the
     * bridge's writer does. A plan entry missing from the kernel is an error, named.
     */
    List<WeightChange> changesTo(SweepPlan plan) {
        List<WeightChange> changes = new ArrayList<>();
        for (Map.Entry<String, Integer> e : plan.weights().entrySet()) {
            WeightChangeTarget t = entries.get(e.getKey());
            if (t == null) {
                throw new IllegalStateException("plan " + plan.file() + " names '" + e.getKey() + "', not in the kernel");
            }
            if (t.destination().weight() != e.getValue()) {
                changes.add(new WeightChange(t.service(), t.destination(), e.getValue()));
            }
        }
        return changes;
    }

    /** How many plan weights the kernel holds. */
    long matching(SweepPlan plan) {
        return plan.weights().entrySet().stream()
                .filter(e -> entries.containsKey(e.getKey()) && entries.get(e.getKey()).destination().weight() == e.getValue())
                .count();
    }

    private record WeightChangeTarget(Service service, Destination destination) {
    }
}
