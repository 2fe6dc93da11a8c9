package io.lvsfeedback.bridge.ipvs;

import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.util.List;
import java.util.Set;

/**
 * A virtual service; {@code scheduler} is the kernel's name ({@code wrr}, {@code rr}...),
 * {@code flags} the kernel's service flags (ipvsadm's {@code -b} scheduler flags among them).
 */
public record ServiceEntry(ServiceKey key, String scheduler, int flags, List<DestinationEntry> destinations) {
    /** IP_VS_SVC_F_SCHED1: ipvsadm's {@code sh-fallback} / {@code mh-fallback}. */
    public static final int SCHED_FLAG_FALLBACK = 0x0008;
    /**
     * Schedulers that only look at whether a weight is 0 (quiesced) or not: dynamic weights do
     * nothing there, which the operator should hear about.
     */
    private static final Set<String> WEIGHT_BLIND = Set.of("rr", "lc", "dh");

    public ServiceEntry {
        destinations = List.copyOf(destinations);
    }

    /** Without scheduler flags. */
    public ServiceEntry(ServiceKey key, String scheduler, List<DestinationEntry> destinations) {
        this(key, scheduler, 0, destinations);
    }

    /**
     * True when a destination at weight 0 (drained, quiesced) makes the kernel refuse its share of
     * new connections instead of sending them elsewhere: {@code sh} and {@code mh} without their
     * fallback flag keep a zero-weight destination's hash slots (mh through its last non-zero
     * weight) and answer a connection that hashes there with "no destination available".
     */
    public boolean zeroWeightRefusesConnections() {
        return zeroWeightRefuses(scheduler, flags);
    }

    /** See {@link #zeroWeightRefusesConnections()}. */
    public static boolean zeroWeightRefuses(String scheduler, int flags) {
        return ("sh".equals(scheduler) || "mh".equals(scheduler)) && (flags & SCHED_FLAG_FALLBACK) == 0;
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
