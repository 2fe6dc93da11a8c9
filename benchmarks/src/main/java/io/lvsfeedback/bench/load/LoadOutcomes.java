package io.lvsfeedback.bench.load;

import io.lvsfeedback.samples.http.HttpConnection;

/** What an {@link OpenLoad} tells about each measured request; called from many threads at once. */
public interface LoadOutcomes {

    /** Called once before the first request: the measured part starts at {@code fromEpochMs}. */
    default void measuring(long fromEpochMs) {
    }

    /** An answer (any status) to the request scheduled at {@code schedEpochMs}, {@code latencyNanos} after that. */
    void answered(long schedEpochMs, long latencyNanos, HttpConnection.Answer answer);

    /** No answer: {@code why} is the failure's short name; {@code server} is null when unknown. */
    void failed(long schedEpochMs, String why, String server);

    /**
     * A connection that reached a server, measured or not: when it was opened, its source port, who
     * answered its first request. IPVS matches a new connection to an old entry by this port.
     */
    default void connection(long openedEpochMs, int localPort, String server) {
    }

    /** How late the client itself sent a request (its own scheduling delay, not the server's). */
    void lag(long nanos);
}
