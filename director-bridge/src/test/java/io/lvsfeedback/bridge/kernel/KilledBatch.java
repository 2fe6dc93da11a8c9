package io.lvsfeedback.bridge.kernel;

import io.lvsfeedback.bridge.engine.Remembered;
import io.lvsfeedback.bridge.ipvs.ServiceDestination;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a killed bridge's last write batch stood: the state file it left names each weight on its
 * way ({@code pending=}, saved just before the batch) next to the weight before it, and the
 * kernel's table says which of them arrived. Some but not all: the kill landed mid-batch.
 */
record KilledBatch(int size, int applied, int notApplied, List<String> neither) {

    static KilledBatch of(Map<ServiceDestination, Remembered> state, IpvsadmTable kernel) {
        int size = 0;
        int applied = 0;
        int notApplied = 0;
        List<String> neither = new ArrayList<>();
        for (Map.Entry<ServiceDestination, Remembered> e : state.entrySet()) {
            Remembered r = e.getValue();
            if (r.pending() == Remembered.NONE) {
                continue;
            }
            size++;
            int[] now = kernel.service(e.getKey().service().toString()).get(e.getKey().destination().toString());
            if (now != null && now[0] == r.pending()) {
                applied++;
            } else if (now != null && now[0] == r.weight()) {
                notApplied++;
            } else {
                neither.add(e.getKey() + " " + (now == null ? "missing" : now[0]) + " (was " + r.weight() + ", on its way "
                        + r.pending() + ")");
            }
        }
        return new KilledBatch(size, applied, notApplied, List.copyOf(neither));
    }

    boolean midBatch() {
        return applied > 0 && notApplied > 0;
    }

    /** "before the batch", "mid-batch" or "after the batch", for the figures. */
    String landed() {
        return midBatch() ? "mid-batch" : applied == 0 ? "before the batch's first write" : "after the batch's last write";
    }

    @Override
    public String toString() {
        return landed() + ": " + applied + " of " + size + " writes in the kernel, " + notApplied + " not";
    }
}
