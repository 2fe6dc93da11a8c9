package io.lvsfeedback.samples.cluster;

import io.lvsfeedback.samples.demo.IpvsDestination;
import io.lvsfeedback.samples.demo.IpvsListing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Reads the IPVS tables of the two director namespaces together, from /proc/PID/net/ip_vs of a
 * process living in each (no process start between the two reads: they are microseconds apart,
 * where two {@code ipvsadm -Ln} runs are hundreds of ms apart under emulation), and keeps one
 * sample per second at a fixed wall-clock phase of the bridges' cycle.
 *
 * <p>The bridges start their cycles at wall-clock multiples of the poll interval plus 40 % of the
 * agents' sample interval (200 ms: CycleInstant) and write when their polls are done (within
 * poll-timeout, 600 ms). Sampling 100 ms before the next cycle starts, i.e. 100 ms past the second,
 * reads both tables after both bridges finished the previous cycle's writes (done by about 850 ms)
 * and before either starts the next; sampling anywhere in the write window would count as
 * disagreement the time between two directors' writes of the same decision.
 */
final class DirectorTables implements AutoCloseable {
    private final Path tableA;
    private final Path tableB;
    private final String service;
    private final long pollIntervalMillis;
    private final List<TableSample> samples = new CopyOnWriteArrayList<>();
    private volatile String phase = "start";
    private volatile boolean stopped;
    private Thread thread;

    DirectorTables(long anchorA, long anchorB, String service, long pollIntervalMillis) {
        this.tableA = Path.of("/proc", Long.toString(anchorA), "net", "ip_vs");
        this.tableB = Path.of("/proc", Long.toString(anchorB), "net", "ip_vs");
        this.service = service;
        this.pollIntervalMillis = pollIntervalMillis;
    }

    /** The sampling phase: 100 ms before the bridges' cycles start (40 % of the agents' samples), far from their aligned writes. */
    long samplePhaseMillis() {
        long cyclePhase = Math.min(pollIntervalMillis, AGENT_SAMPLE_INTERVAL_MILLIS) * 40 / 100;
        return Math.floorMod(cyclePhase - 100, pollIntervalMillis);
    }

    static final long AGENT_SAMPLE_INTERVAL_MILLIS = 1000; // the lab's (samples/demo/two-directors)

    TableSample read() {
        try {
            // Back to back: the two reads are what "at the same moment" means here.
            String a = Files.readString(tableA);
            String b = Files.readString(tableB);
            return new TableSample(System.currentTimeMillis(), phase, weights(a), weights(b));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a director's IPVS table: " + e.getMessage(), e);
        }
    }

    private Map<String, Integer> weights(String listing) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (IpvsDestination d : IpvsListing.destinations(listing, service)) {
            m.put(d.host(), d.weight());
        }
        return m;
    }

    void phase(String name) {
        this.phase = name;
    }

    String phase() {
        return phase;
    }

    /** Samples once a second, at {@link #samplePhaseMillis()} after a wall-clock second, until closed. */
    void start() {
        thread = new Thread(() -> {
            while (!stopped) {
                long now = System.currentTimeMillis();
                long next = Math.floorDiv(now, 1000) * 1000 + 1000 + samplePhaseMillis();
                try {
                    // A sampling schedule, not a wait for something to happen.
                    TimeUnit.MILLISECONDS.sleep(next - now);
                } catch (InterruptedException e) {
                    return;
                }
                samples.add(read());
            }
        }, "director-tables");
        thread.setDaemon(true);
        thread.start();
    }

    List<TableSample> samples() {
        return List.copyOf(samples);
    }

    /** The next periodic sample (within about a second): both tables read together at the sampling phase. */
    TableSample nextSample() {
        int seen = samples.size();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .pollInterval(java.time.Duration.ofMillis(20)).until(() -> samples.size() > seen);
        return samples.get(samples.size() - 1);
    }

    @Override
    public void close() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
