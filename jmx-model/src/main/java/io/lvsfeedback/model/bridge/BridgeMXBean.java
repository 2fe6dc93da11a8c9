package io.lvsfeedback.model.bridge;

import io.lvsfeedback.model.jmx.JmxNames;
import java.util.Map;
import javax.management.ObjectName;

/**
 * The director bridge as a whole: status, counters since start, the global policy settings that
 * are safe to change live, and pause/resume/reload. Registered as {@link #objectName(String)}.
 *
 * <p>A live setting written here is validated like the configuration file and applies from the next
 * cycle; it lasts until the next {@link #reload()}, which re-reads the file.
 */
public interface BridgeMXBean {
    String TYPE = "lvsfeedback:type=Bridge";

    /**
     * {@code lvsfeedback:type=Bridge,name=bridge}; the name is the bridge's {@code jmx-name} and
     * is also the {@code bridge=} key of its service and destination beans.
     */
    static ObjectName objectName(String bridgeName) {
        return JmxNames.of(TYPE, "name", bridgeName);
    }

    /** {@code running}, {@code paused}, {@code dry-run} or {@code ipvs-unreadable}. */
    String getStatus();

    /** Cycles run since start (one IPVS read, one poll round, one write batch each). */
    long getCycles();

    long getPolls();

    long getPollFailures();

    /** Weights written to the kernel. */
    long getWeightWrites();

    long getWriteFailures();

    long getReadFailures();

    int getServiceCount();

    int getDestinationCount();

    /** Duration of the last cycle in milliseconds. */
    double getLastCycleMillis();

    /** Paused: polls and decisions go on, nothing is written. */
    boolean isPaused();

    void pause();

    void resume();

    /** Computes and shows everything, writes nothing. */
    boolean isDryRun();

    void setDryRun(boolean dryRun);

    int getDeadBandPercent();

    long getBacklogDrainMillis();

    /** Global {@code backlog-drain} in ms (0: off; wrr services only); a service's own section still wins. */
    void setBacklogDrainMillis(long millis);

    int getFastFirstPercent();

    /** Global {@code fast-first} in percent of the faster servers' capacity (0: off; wrr services only); a service's own section still wins. */
    void setFastFirstPercent(int percent);

    /** Global {@code dead-band-percent}; a service's own section still wins. */
    void setDeadBandPercent(int percent);

    int getWeightLevels();

    /** Global {@code weight-levels}: 0 exact weights, N multiples of 1/N of a service's largest. */
    void setWeightLevels(int levels);

    int getMaxStepPercent();

    /** Global {@code max-step-percent} (rise limit: how far above the previous sample's target, in percent of the base). */
    void setMaxStepPercent(int percent);

    long getStaleAfterMillis();

    /** Global {@code stale-after}. */
    void setStaleAfterMillis(long millis);

    long getBlackoutMillis();

    /** Global {@code blackout}. */
    void setBlackoutMillis(long millis);

    long getWriteDelayMillis();

    /**
     * Global {@code write-delay}: 0 writes a cycle's weights when decided; otherwise at the cycle's
     * instant plus this, the same moment on every director (at least poll-timeout, below poll-interval).
     */
    void setWriteDelayMillis(long millis);

    /** The configuration in force, key by key. */
    Map<String, String> getConfiguration();

    /**
     * Re-reads the configuration file (and command-line overrides). A bad file is rejected and
     * the running configuration stays.
     *
     * @return {@code "reloaded"} or {@code "rejected: <why>"}
     */
    String reload();

    /** The outcome of the last reload, also of one triggered by SIGHUP. */
    String getLastReloadResult();
}
