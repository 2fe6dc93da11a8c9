package io.lvsfeedback.bench.load;

import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.ReportClient;
import io.lvsfeedback.model.protocol.SharedSecret;
import io.lvsfeedback.model.protocol.Signals;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Polls agents once per interval and prints what their servers are doing, one line per agent and
 * poll: requests in flight, busy and queued pool threads, rps and capacity. One JVM for a whole
 * phase (a process per sample is expensive under emulation); it shows where a phase's latency
 * came from: a queue on one server, or every server slow at once.
 *
 * <p>Usage: {@code AgentWatch secret-file=KEY interval-ms=1000 duration=90 name=IP:PORT...}
 */
public final class AgentWatch {
    private static final String[] COLUMNS = {Signals.IN_FLIGHT, Signals.POOL_BUSY, Signals.POOL_QUEUE,
        Signals.POOL_MAX, Signals.REQUESTS_PER_SECOND, Signals.CONCURRENCY, Signals.CAPACITY, Signals.CPU_SYSTEM};

    private AgentWatch() {
    }

    public static void main(String[] args) throws Exception {
        SharedSecret secret = null;
        long intervalMs = 1000;
        long durationS = 60;
        List<String[]> agents = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                System.err.println("agent-watch: argument '" + arg + "' is not key=value");
                System.exit(2);
            }
            String key = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            switch (key) {
                case "secret-file" -> secret = SharedSecret.fromFile(Path.of(value));
                case "interval-ms" -> intervalMs = Long.parseLong(value);
                case "duration" -> durationS = Long.parseLong(value);
                default -> agents.add(new String[] {key, value});
            }
        }
        if (agents.isEmpty() || intervalMs < 100 || durationS < 1) {
            System.err.println("agent-watch: give at least one name=IP:PORT, interval-ms >= 100, duration >= 1");
            System.exit(2);
        }
        System.out.println("epoch_ms agent state " + String.join(" ", COLUMNS));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationS);
        while (System.nanoTime() < end) {
            long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(intervalMs);
            for (String[] agent : agents) {
                System.out.println(System.currentTimeMillis() + " " + agent[0] + " " + poll(agent[1], secret));
            }
            System.out.flush();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    private static String poll(String address, SharedSecret secret) {
        int colon = address.lastIndexOf(':');
        try {
            FeedbackReport r = ReportClient.poll(new InetSocketAddress(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1))), secret, 2000).report();
            StringBuilder b = new StringBuilder(r.state().word());
            for (String c : COLUMNS) {
                b.append(' ').append(String.format(Locale.ROOT, "%.3f", r.signal(c)));
            }
            return b.toString();
        } catch (Exception e) {
            return "unreachable " + e.getClass().getSimpleName();
        }
    }
}
