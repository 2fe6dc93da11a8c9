package io.lvsfeedback.samples.demo;

/**
 * One request of the load generator.
 *
 * @param startMillis when it started, ms since the run began
 * @param server      the server that answered ({@code server=} in the body), or null when none did
 * @param status      HTTP status, or 0 when the request failed before a status line
 * @param latencyMillis connect to last byte, ms
 */
public record RequestRecord(long startMillis, String server, int status, double latencyMillis) {

    public boolean ok() {
        return status == 200 && server != null;
    }
}
