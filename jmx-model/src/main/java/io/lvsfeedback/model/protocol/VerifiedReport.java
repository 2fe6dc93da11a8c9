package io.lvsfeedback.model.protocol;

/** A decoded reply and whether its signature was checked against a shared secret. */
public final class VerifiedReport {
    private final FeedbackReport report;
    private final boolean authenticated;

    VerifiedReport(FeedbackReport report, boolean authenticated) {
        this.report = report;
        this.authenticated = authenticated;
    }

    public FeedbackReport report() {
        return report;
    }

    /** True when the HMAC over the nonce was checked; false only for an allowed unsigned reply. */
    public boolean authenticated() {
        return authenticated;
    }
}
