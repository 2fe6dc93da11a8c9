package io.lvsfeedback.bridge.ipvs;

import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.util.List;
import java.util.Set;

/** A virtual service; {@code scheduler} is the kernel's name ({@code wrr}, {@code rr}...). */
public record ServiceEntry(ServiceKey key, String scheduler, List<DestinationEntry> destinations) {
    /**
     * Schedulers that only look at whether a weight is 0 (quiesced) or not: dynamic weights do
     * nothing there, which the operator should hear about.
     */
    private static final Set<String> WEIGHT_BLIND = Set.of("rr", "lc", "dh");

    public ServiceEntry {
        destinations = List.copyOf(destinations);
    }

    /** True when the scheduler ignores weights other than 0 (rr, lc, dh). */
    public boolean schedulerIgnoresWeights() {
        return ignoresWeights(scheduler);
    }

    /** True for the kernel schedulers that only look at whether a weight is 0: rr, lc, dh. */
    public static boolean ignoresWeights(String scheduler) {
        return WEIGHT_BLIND.contains(scheduler);
    }
}
