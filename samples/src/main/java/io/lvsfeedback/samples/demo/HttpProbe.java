package io.lvsfeedback.samples.demo;

import io.lvsfeedback.samples.http.HttpConnection;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The demo's request: one GET over a fresh connection ({@link HttpConnection}, {@code Connection:
 * close}), bounded by {@code timeoutMillis} from its start, turned into a {@link RequestRecord}.
 */
public final class HttpProbe {

    private final InetSocketAddress target;
    private final String path;
    private final int timeoutMillis;

    public HttpProbe(InetSocketAddress target, String path, int timeoutMillis) {
        this.target = target;
        this.path = path;
        this.timeoutMillis = timeoutMillis;
    }

    /** Never throws: a failed request is a record with status 0 and no server. */
    public RequestRecord send(long runStartNanos) {
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000L;
        int status = 0;
        String server = null;
        try (HttpConnection connection = HttpConnection.open(target, deadline)) {
            HttpConnection.Answer answer = connection.get(target.getHostString(), path, true, deadline);
            status = answer.status();
            server = HttpConnection.Answer.UNNAMED.equals(answer.server()) ? null : answer.server();
        } catch (IOException | RuntimeException e) {
            status = 0;
        }
        long end = System.nanoTime();
        return new RequestRecord((start - runStartNanos) / 1_000_000, server, status, (end - start) / 1e6);
    }
}
