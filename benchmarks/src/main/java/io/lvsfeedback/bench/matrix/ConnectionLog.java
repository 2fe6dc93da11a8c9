package io.lvsfeedback.bench.matrix;

import io.lvsfeedback.bench.load.LoadOutcomes;
import io.lvsfeedback.samples.http.HttpConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes one line per connection of a load ({@code opened_epoch_ms source_port server}), measured or
 * not, and hands every outcome on: {@link PortReuse} reads these lines to find connections that met
 * an IPVS entry left by an earlier one with the same source port.
 */
final class ConnectionLog implements LoadOutcomes {
    static final String HEADER = "# opened_epoch_ms source_port server\n";

    private final LoadOutcomes next;
    private final Writer out;

    ConnectionLog(LoadOutcomes next, Writer out) {
        this.next = next;
        this.out = out;
    }

    @Override
    public void measuring(long fromEpochMs) {
        next.measuring(fromEpochMs);
    }

    @Override
    public void answered(long schedEpochMs, long latencyNanos, HttpConnection.Answer answer) {
        next.answered(schedEpochMs, latencyNanos, answer);
    }

    @Override
    public void failed(long schedEpochMs, String why, String server) {
        next.failed(schedEpochMs, why, server);
    }

    @Override
    public void lag(long nanos) {
        next.lag(nanos);
    }

    @Override
    public synchronized void connection(long openedEpochMs, int localPort, String server) {
        next.connection(openedEpochMs, localPort, server);
        try {
            out.write(openedEpochMs + " " + localPort + " " + server + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
