package io.lvsfeedback.model.protocol;

/** An LVSFB/1 request as an agent reads it (a class, not a record: this module compiles for Java 11, like the agent). */
public final class ReportRequest {
    private final String nonce;
    private final long atMillis;

    public ReportRequest(String nonce, long atMillis) {
        this.nonce = nonce;
        this.atMillis = atMillis;
    }

    /** The bridge's nonce, echoed in the signed reply. */
    public String nonce() {
        return nonce;
    }

    /** The wall-clock instant whose sample the bridge asks for; 0 for the latest. */
    public long atMillis() {
        return atMillis;
    }
}
