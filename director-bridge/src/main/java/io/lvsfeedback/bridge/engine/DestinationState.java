package io.lvsfeedback.bridge.engine;

import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.bridge.policy.Decision;
import io.lvsfeedback.bridge.policy.DestinationInput;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What the bridge remembers about one destination of one service, between cycles. Written by the
 * engine thread; operator fields (override, freeze) also by JMX threads, hence volatile.
 */
public final class DestinationState {
    private final ServiceKey serviceKey;
    private final DestinationKey key;

    /** Base found in the kernel on first sight, or remembered from before a restart. */
    private final int discoveredBase;
    /** Base from configuration, or null. */
    private volatile Integer configuredBase;
    /** A non-zero weight another party wrote: the newest base, winning over the rest. */
    private volatile Integer externalBase;
    /** What the kernel should show if nobody else wrote: our last write, or the last weight seen. */
    private int expectedKernelWeight;
    private volatile int kernelWeight;
    private volatile boolean quiesced;
    private volatile Integer override;
    private volatile boolean frozen;

    private volatile FeedbackReport report;
    /** The cycle instant {@link #report} was asked for ({@code at=}); MIN_VALUE before the first. */
    private long reportInstant = Long.MIN_VALUE;
    /** The agent's report for an earlier cycle instant: the previous sample, when it is the cycle before. */
    private FeedbackReport previousReport;
    private long previousInstant = Long.MIN_VALUE;
    private volatile boolean reportAuthenticated;
    private volatile long lastReportMillis = -1;
    private volatile long reportingSinceMillis = -1;
    /** The first cycle that asked for this destination's input: when this bridge started knowing it. */
    private long knownSinceMillis = -1;
    private volatile String lastPollError;
    /** Polls in a row the agent's host took and the agent did not answer in time. */
    private volatile int unansweredPolls;
    private int previousUnansweredPolls; // at the previous poll: a silence this cycle's answer ended
    private volatile InetSocketAddress agent;

    private volatile Decision lastDecision;
    private volatile long lastChangeMillis = -1;
    private volatile String lastChange = "";
    private String lastUnwritten;

    DestinationState(ServiceKey serviceKey, DestinationKey key, int kernelWeight, Integer configuredBase,
                     Remembered remembered) {
        this.serviceKey = serviceKey;
        this.key = key;
        this.configuredBase = configuredBase;
        this.kernelWeight = kernelWeight;
        this.expectedKernelWeight = kernelWeight;
        if (remembered != null && remembered.ours(kernelWeight)) {
            // Nobody wrote since our last run: its base and quiesce still hold.
            this.discoveredBase = remembered.base();
            this.quiesced = remembered.quiesced();
        } else {
            this.discoveredBase = kernelWeight;
            // A 0 found on first sight may be a health checker's quiesce: never raise it on our own.
            this.quiesced = kernelWeight == 0;
        }
    }

    /** What survives a restart (see {@link StateFile}). */
    Remembered remember() {
        return remember(Remembered.NONE);
    }

    /** The same, with a weight about to be written (see {@link Remembered#pending()}). */
    Remembered remember(int pending) {
        return new Remembered(baseWeight(), expectedKernelWeight, quiesced, pending);
    }

    /**
     * Takes the kernel's weight of this cycle. A weight other than the expected one was written
     * by someone else and wins: 0 quiesces, non-zero is the new base.
     *
     * @return a sentence when another party wrote, else null
     */
    String observeKernel(int weight) {
        String event = null;
        if (weight != expectedKernelWeight) {
            if (weight == 0) {
                quiesced = true;
                event = "weight " + expectedKernelWeight + " -> 0 written by another party: quiesced, will not raise it";
            } else {
                quiesced = false;
                externalBase = weight;
                event = "weight " + expectedKernelWeight + " -> " + weight + " written by another party: new base weight";
            }
        }
        kernelWeight = weight;
        expectedKernelWeight = weight;
        return event;
    }

    /** A write of ours went through: the kernel should show it from now on. */
    void applied(int weight, String reason, long now) {
        lastChange = kernelWeight + " -> " + weight + ": " + reason;
        lastChangeMillis = now;
        kernelWeight = weight;
        expectedKernelWeight = weight;
    }

    /** A report for the cycle instant {@code instant}; the one held so far becomes the previous sample. */
    void reportReceived(FeedbackReport r, boolean authenticated, long now, long staleAfterMillis, long instant) {
        if (reportingSinceMillis < 0 || now - lastReportMillis > staleAfterMillis) {
            reportingSinceMillis = now; // a new run of fresh reports: the blackout starts again
        }
        previousReport = report;
        previousInstant = reportInstant;
        reportInstant = instant;
        report = r;
        reportAuthenticated = authenticated;
        lastReportMillis = now;
        lastPollError = null;
        previousUnansweredPolls = unansweredPolls;
        unansweredPolls = 0;
    }

    /** The agent's report for the cycle before this one, asked for because the bridge did not hold it. */
    void previousSampled(FeedbackReport r, long instant) {
        previousReport = r;
        previousInstant = instant;
    }

    /**
     * The report the cycle before {@code instant} stood on, when this cycle's report is fresh: the
     * previous cycle's own, or, when the polls in between went unanswered, the last answer before
     * that silence (what the silent cycles lowered); null otherwise (the rise limit then starts from
     * the base).
     */
    FeedbackReport previousReport(long instant, long intervalMillis) {
        if (reportInstant != instant) {
            return null;
        }
        return previousInstant == instant - intervalMillis || previousUnansweredPolls > 0 ? previousReport : null;
    }

    /**
     * This cycle's report came in but the previous cycle's is missing (first cycle, a failed or
     * skipped poll; not after a silence, whose cycles stood on the report held, and whose starved
     * agent should not get a second poll). Not for an agent that does not say when it sampled (an old agent, an
     * agent-check line): it could not tell us the previous sample either, and asking each cycle
     * would double its polls.
     */
    boolean lacksPreviousSample(long instant, long intervalMillis) {
        return reportInstant == instant && report.epochMillis() > 0 && previousReport(instant, intervalMillis) == null;
    }

    /** {@code unanswered}: connected, no reply in time (counted in a row); any other failure ends the run. */
    void pollFailed(String error, boolean unanswered) {
        lastPollError = error;
        previousUnansweredPolls = unansweredPolls;
        unansweredPolls = unanswered ? unansweredPolls + 1 : 0;
    }

    public int unansweredPolls() {
        return unansweredPolls;
    }

    /** The policy's snapshot for the cycle standing for {@code instant}, of {@code intervalMillis}. */
    DestinationInput input(long now, long instant, long intervalMillis) {
        long age = lastReportMillis < 0 ? 0 : now - lastReportMillis;
        long reportingFor = reportingSinceMillis < 0 ? 0 : now - reportingSinceMillis;
        if (knownSinceMillis < 0) {
            knownSinceMillis = now;
        }
        return new DestinationInput(key.toString(), kernelWeight, baseWeight(), quiesced, override, frozen, report, age,
                reportingFor, now - knownSinceMillis, previousReport(instant, intervalMillis), unansweredPolls,
                previousUnansweredPolls);
    }

    /** True when this unwritten change differs from the last one shown (dry run, paused). */
    boolean unwrittenChanged(String line) {
        if (line.equals(lastUnwritten)) {
            return false;
        }
        lastUnwritten = line;
        return true;
    }

    void decided(Decision d) {
        lastDecision = d;
    }

    void configuredBase(Integer base) {
        this.configuredBase = base;
    }

    void agent(InetSocketAddress agent) {
        this.agent = agent;
    }

    // ---- operator actions (JMX) ----

    /** Forces a weight; also lifts a quiesce, since an operator acted explicitly. */
    public void setOverride(int weight) {
        if (weight < 0) {
            throw new IllegalArgumentException("override weight must be >= 0, got " + weight);
        }
        override = weight;
        quiesced = false;
    }

    public void clearOverride() {
        override = null;
    }

    public void freeze() {
        frozen = true;
    }

    public void unfreeze() {
        frozen = false;
    }

    // ---- read side ----

    public ServiceKey serviceKey() {
        return serviceKey;
    }

    public DestinationKey key() {
        return key;
    }

    public InetAddress address() {
        return key.address();
    }

    public int port() {
        return key.port();
    }

    public int baseWeight() {
        Integer external = externalBase;
        if (external != null) {
            return external;
        }
        Integer configured = configuredBase;
        return configured != null ? configured : Math.max(discoveredBase, 1);
    }

    public int kernelWeight() {
        return kernelWeight;
    }

    public boolean quiesced() {
        return quiesced;
    }

    /** -1 when none. */
    public int override() {
        Integer o = override;
        return o == null ? -1 : o;
    }

    public boolean frozen() {
        return frozen;
    }

    public FeedbackReport report() {
        return report;
    }

    public boolean reportAuthenticated() {
        return reportAuthenticated;
    }

    /** Milliseconds since the last good report, -1 when none came yet. */
    public long reportAgeMillis(long now) {
        return lastReportMillis < 0 ? -1 : now - lastReportMillis;
    }

    public String lastPollError() {
        return lastPollError;
    }

    /** The agent whose report this destination follows, or null when none could be picked. */
    public InetSocketAddress agent() {
        return agent;
    }

    public Decision lastDecision() {
        return lastDecision;
    }

    public long lastChangeMillis() {
        return lastChangeMillis;
    }

    public String lastChange() {
        return lastChange;
    }
}
