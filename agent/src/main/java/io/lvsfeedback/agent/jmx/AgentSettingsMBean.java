package io.lvsfeedback.agent.jmx;

import io.lvsfeedback.agent.config.SettingRanges;
import io.lvsfeedback.agent.report.Reporter;
import io.lvsfeedback.agent.report.Tunables;
import io.lvsfeedback.model.agent.AgentSettingsMXBean;
import java.time.Duration;

/** The agent's live settings over JMX: each write goes through the setting's one range ({@link SettingRanges}), as the agent's arguments do. */
public final class AgentSettingsMBean implements AgentSettingsMXBean {
    private final Reporter reporter;

    public AgentSettingsMBean(Reporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public double getSmoothingSeconds() {
        return reporter.tunables().smoothing().toMillis() / 1000.0;
    }

    @Override
    public void setSmoothingSeconds(double seconds) {
        Duration smoothing = SettingRanges.SMOOTHING.ofSeconds("SmoothingSeconds", seconds);
        reporter.tunables(reporter.tunables().withSmoothing(smoothing));
    }

    @Override
    public double getCapacityExpirySeconds() {
        return reporter.capacityExpiry().toMillis() / 1000.0;
    }

    @Override
    public void setCapacityExpirySeconds(double seconds) {
        reporter.capacityExpiry(SettingRanges.CAPACITY_EXPIRY.ofSeconds("CapacityExpirySeconds", seconds));
    }

    @Override
    public double getCpuSignalWeight() {
        return reporter.tunables().weights().cpu();
    }

    @Override
    public void setCpuSignalWeight(double weight) {
        Tunables t = reporter.tunables();
        reporter.tunables(t.withWeights(t.weights().withCpu(checkWeight("CpuSignalWeight", weight))));
    }

    @Override
    public double getGcSignalWeight() {
        return reporter.tunables().weights().gc();
    }

    @Override
    public void setGcSignalWeight(double weight) {
        Tunables t = reporter.tunables();
        reporter.tunables(t.withWeights(t.weights().withGc(checkWeight("GcSignalWeight", weight))));
    }

    @Override
    public double getHeapSignalWeight() {
        return reporter.tunables().weights().heap();
    }

    @Override
    public void setHeapSignalWeight(double weight) {
        Tunables t = reporter.tunables();
        reporter.tunables(t.withWeights(t.weights().withHeap(checkWeight("HeapSignalWeight", weight))));
    }

    @Override
    public double getPoolSignalWeight() {
        return reporter.tunables().weights().pool();
    }

    @Override
    public void setPoolSignalWeight(double weight) {
        Tunables t = reporter.tunables();
        reporter.tunables(t.withWeights(t.weights().withPool(checkWeight("PoolSignalWeight", weight))));
    }

    private static double checkWeight(String attribute, double v) {
        return SettingRanges.SIGNAL_WEIGHT.check(attribute, v);
    }

    @Override
    public int getMinWeight() {
        return reporter.tunables().minWeight();
    }

    @Override
    public void setMinWeight(int percent) {
        reporter.tunables(reporter.tunables().withMinWeight(SettingRanges.MIN_WEIGHT.check("MinWeight", percent)));
    }
}
