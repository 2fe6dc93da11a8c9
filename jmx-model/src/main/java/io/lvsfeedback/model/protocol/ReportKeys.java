package io.lvsfeedback.model.protocol;

/** Field names of the LVSFB/1 reply that are not signals. */
public final class ReportKeys {
    public static final String NONCE = "nonce";
    public static final String STATE = "state";
    public static final String REASON = "reason";
    public static final String WEIGHT = "weight";
    public static final String PORTS = "ports";
    /** How many ports were left out of {@code ports} so the reply fits (absent when none). */
    public static final String PORTS_MORE = "ports_more";
    public static final String SEQ = "seq";
    public static final String UPTIME_MS = "uptime_ms";
    public static final String TIMESTAMP_MS = "ts";
    public static final String EPOCH_MS = "epoch_ms";
    public static final String HOST = "host";
    /** Where the request and pool signals came from, e.g. {@code requests:micrometer,pool:tomcat}. */
    public static final String SOURCE = "source";

    private ReportKeys() {}
}
