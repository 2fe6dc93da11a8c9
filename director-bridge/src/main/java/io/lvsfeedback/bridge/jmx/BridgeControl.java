package io.lvsfeedback.bridge.jmx;

import io.lvsfeedback.bridge.config.ServiceSettings;
import io.lvsfeedback.bridge.engine.BridgeEngine;
import io.lvsfeedback.bridge.engine.Reloader;
import io.lvsfeedback.model.bridge.BridgeMXBean;
import java.util.Map;

/** {@link BridgeMXBean} over the engine; live settings go through the reloader's validation. */
public final class BridgeControl implements BridgeMXBean {
    private final BridgeEngine engine;
    private final Reloader reloader;
    private final BridgeCounters counters;

    public BridgeControl(BridgeEngine engine, Reloader reloader, BridgeCounters counters) {
        this.engine = engine;
        this.reloader = reloader;
        this.counters = counters;
    }

    @Override
    public String getStatus() {
        if (counters.lastReadFailed) {
            return "ipvs-unreadable";
        }
        return engine.paused() ? "paused" : engine.dryRun() ? "dry-run" : "running";
    }

    @Override
    public long getCycles() {
        return engine.cycles();
    }

    @Override
    public long getPolls() {
        return counters.polls.get();
    }

    @Override
    public long getPollFailures() {
        return counters.pollFailures.get();
    }

    @Override
    public long getWeightWrites() {
        return counters.writes.get();
    }

    @Override
    public long getWriteFailures() {
        return counters.writeFailures.get();
    }

    @Override
    public long getReadFailures() {
        return counters.readFailures.get();
    }

    @Override
    public int getServiceCount() {
        return engine.services().size();
    }

    @Override
    public int getDestinationCount() {
        return engine.services().stream().mapToInt(s -> s.destinations().size()).sum();
    }

    @Override
    public double getLastCycleMillis() {
        return counters.lastCycleNanos / 1e6;
    }

    @Override
    public boolean isPaused() {
        return engine.paused();
    }

    @Override
    public void pause() {
        engine.paused(true);
    }

    @Override
    public void resume() {
        engine.paused(false);
    }

    @Override
    public boolean isDryRun() {
        return engine.dryRun();
    }

    @Override
    public void setDryRun(boolean dryRun) {
        reloader.change(Map.of("dry-run", Boolean.toString(dryRun)));
        if (!dryRun) {
            engine.dryRunFlag(false); // the operator lifts --dry-run too
        }
    }

    private ServiceSettings defaults() {
        return engine.config().defaultService();
    }

    @Override
    public int getDeadBandPercent() {
        return defaults().policy().deadBandPercent();
    }

    @Override
    public void setDeadBandPercent(int percent) {
        reloader.change(Map.of("dead-band-percent", Integer.toString(percent)));
    }

    @Override
    public int getWeightLevels() {
        return defaults().policy().weightLevels();
    }

    @Override
    public void setWeightLevels(int levels) {
        reloader.change(Map.of("weight-levels", Integer.toString(levels)));
    }

    @Override
    public long getBacklogDrainMillis() {
        return defaults().policy().backlogDrainMillis();
    }

    @Override
    public void setBacklogDrainMillis(long millis) {
        reloader.change(Map.of("backlog-drain", millis + "ms"));
    }

    @Override
    public int getFastFirstPercent() {
        return defaults().policy().fastFirstPercent();
    }

    @Override
    public void setFastFirstPercent(int percent) {
        reloader.change(Map.of("fast-first", Integer.toString(percent)));
    }

    @Override
    public int getMaxStepPercent() {
        return defaults().policy().maxStepPercent();
    }

    @Override
    public void setMaxStepPercent(int percent) {
        reloader.change(Map.of("max-step-percent", Integer.toString(percent)));
    }

    @Override
    public long getStaleAfterMillis() {
        return defaults().policy().staleAfterMillis();
    }

    @Override
    public void setStaleAfterMillis(long millis) {
        reloader.change(Map.of("stale-after", millis + "ms"));
    }

    @Override
    public long getBlackoutMillis() {
        return defaults().policy().blackoutMillis();
    }

    @Override
    public void setBlackoutMillis(long millis) {
        reloader.change(Map.of("blackout", millis + "ms"));
    }

    @Override
    public long getWriteDelayMillis() {
        return engine.config().writeDelayMillis();
    }

    @Override
    public void setWriteDelayMillis(long millis) {
        reloader.change(Map.of("write-delay", millis + "ms"));
    }

    @Override
    public Map<String, String> getConfiguration() {
        return engine.config().source();
    }

    @Override
    public String reload() {
        return reloader.reload();
    }

    @Override
    public String getLastReloadResult() {
        return reloader.lastResult();
    }

}
