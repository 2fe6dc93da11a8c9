package io.lvsfeedback.bench.matrix;

import io.lvsfeedback.bench.load.LoadOutcomes;
import io.lvsfeedback.samples.http.HttpConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The measured requests of one phase: an HDR histogram of latencies (µs, from each request's
 * scheduled send time; a failure counts as the client's time-out), answers per server, failures
 * per reason, and one raw line per request ({@code sched_epoch_ms latency_us status server}).
 */
final class PhaseRecorder implements LoadOutcomes {
    /** Highest latency the histograms hold: one hour, in µs. */
    static final long MAX_MICROS = 3_600_000_000L;

    private final long timeoutMicros;
    private final Writer raw;
    private final Histogram all = new Histogram(MAX_MICROS, 3);
    private final Map<String, Long> servers = new TreeMap<>();
    private final Map<String, Long> errors = new TreeMap<>();
    private long lagMaxNanos;

    /** {@code raw}: where the per-request lines go, or null. */
    PhaseRecorder(long timeoutMillis, Writer raw) {
        this.timeoutMicros = timeoutMillis * 1000;
        this.raw = raw;
    }

    @Override
    public synchronized void answered(long schedEpochMs, long latencyNanos, HttpConnection.Answer answer) {
        if (answer.status() != 200) {
            failed(schedEpochMs, "http_" + answer.status(), answer.server());
            return;
        }
        long us = Math.min(MAX_MICROS, Math.max(1, latencyNanos / 1000));
        all.recordValue(us);
        servers.merge(answer.server(), 1L, Long::sum);
        line(schedEpochMs, us, "ok", answer.server());
    }

    @Override
    public synchronized void failed(long schedEpochMs, String why, String server) {
        all.recordValue(Math.min(MAX_MICROS, timeoutMicros));
        errors.merge(why, 1L, Long::sum);
        line(schedEpochMs, timeoutMicros, why, server == null ? "?" : server);
    }

    @Override
    public synchronized void lag(long nanos) {
        lagMaxNanos = Math.max(lagMaxNanos, nanos);
    }

    private void line(long schedEpochMs, long us, String status, String server) {
        if (raw == null) {
            return;
        }
        try {
            raw.write(schedEpochMs + " " + us + " " + status + " " + server + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes out the raw lines held in the writer's buffer. */
    synchronized void flush() throws IOException {
        if (raw != null) {
            raw.flush();
        }
    }

    synchronized long requests() {
        return all.getTotalCount();
    }

    synchronized long failures() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line: counts, percentiles over every request (a failure = the time-out), shares, failures. */
    synchronized String summary() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "requests %d errors %d p50_ms %.1f p99_ms %.1f p999_ms %.1f max_ms %.1f mean_ms %.1f client_lag_max_ms %.1f servers:",
                all.getTotalCount(), failures(), ms(all.getValueAtPercentile(50)), ms(all.getValueAtPercentile(99)),
                ms(all.getValueAtPercentile(99.9)), ms(all.getMaxValue()), all.getTotalCount() == 0 ? 0.0 : all.getMean() / 1000,
                lagMaxNanos / 1e6));
        servers.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        b.append(" errors:");
        if (errors.isEmpty()) {
            b.append(" none");
        }
        errors.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }

    private static double ms(long us) {
        return us / 1000.0;
    }
}
