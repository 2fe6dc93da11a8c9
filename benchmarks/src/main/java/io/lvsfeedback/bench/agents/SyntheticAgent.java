package io.lvsfeedback.bench.agents;

import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The report one simulated real server would send. Each address gets a stable capacity class
 * (1, 2 or 4 units, so the bridge has real weight differences to compute) and a small random jitter
 * per poll (so some weights move from cycle to cycle, as on a live cluster).
 */
final class SyntheticAgent {
    private static final double UNIT_RPS = 100.0;
    private static final int[] CAPACITY_CLASSES = {1, 2, 4};

    private final String host;
    private final double capacity;
    private final double jitter;
    private final long startMillis = System.currentTimeMillis();
    private final AtomicLong sequence = new AtomicLong();

    SyntheticAgent(InetAddress address, double jitter) {
        this.host = address.getHostAddress();
        this.capacity = UNIT_RPS * CAPACITY_CLASSES[Math.floorMod(address.hashCode(), CAPACITY_CLASSES.length)];
        this.jitter = jitter;
    }

    FeedbackReport nextReport() {
        double noise = jitter == 0 ? 1.0 : 1.0 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
        double util = 0.5;
        double rps = capacity * noise * util;
        long now = System.currentTimeMillis();
        return FeedbackReport.builder()
                .state(AdminState.READY)
                .weightPercent(100)
                .signal(Signals.CAPACITY, rps / util)
                .signal(Signals.UTILIZATION, util)
                .signal(Signals.REQUESTS_PER_SECOND, rps)
                .signal(Signals.CPU_PROCESS, util)
                .signal(Signals.CPUS, 4)
                .ports(List.of(80))
                .host(host)
                .sequence(sequence.incrementAndGet())
                .timestampMillis(now)
                .uptimeMillis(now - startMillis)
                .build();
    }
}
