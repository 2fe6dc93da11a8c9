package io.lvsfeedback.samples.app;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** The current {@link WorkCost}, shared by the request handlers, the admin endpoint and JMX. */
public final class WorkCostSetting implements WorkCostMXBean {

    private final AtomicReference<WorkCost> current;

    public WorkCostSetting(WorkCost initial) {
        this.current = new AtomicReference<>(initial);
    }

    public WorkCost get() {
        return current.get();
    }

    public void set(WorkCost cost) {
        current.set(cost);
    }

    /** Applies a change atomically; a change that throws leaves the old cost in place. */
    /**
     * The admin endpoint's change ({@code POST /admin/cost}, Jetty and Spring Boot samples alike):
     * {@code reset=true} starts from no extra work, the other parameters change what they name.
     *
     * @throws IllegalArgumentException naming a bad parameter; nothing changed then
     */
    public WorkCost change(java.util.Map<String, String> query) {
        java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>(query);
        if ("true".equals(parameters.remove("reset"))) {
            WorkCost fresh = WorkCostParameters.apply(WorkCost.NONE, parameters);
            set(fresh);
            return fresh;
        }
        return update(current -> WorkCostParameters.apply(current, parameters));
    }

    public WorkCost update(UnaryOperator<WorkCost> change) {
        return current.updateAndGet(change);
    }

    @Override
    public long getCpuMillis() {
        return get().cpuMillis();
    }

    @Override
    public void setCpuMillis(long cpuMillis) {
        update(cost -> cost.withCpuMillis(cpuMillis));
    }

    @Override
    public long getLatencyMillis() {
        return get().latencyMillis();
    }

    @Override
    public void setLatencyMillis(long latencyMillis) {
        update(cost -> cost.withLatencyMillis(latencyMillis));
    }

    @Override
    public double getErrorRate() {
        return get().errorRate();
    }

    @Override
    public void setErrorRate(double errorRate) {
        update(cost -> cost.withErrorRate(errorRate));
    }

    @Override
    public int getAllocMegabytes() {
        return get().allocMegabytes();
    }

    @Override
    public void setAllocMegabytes(int allocMegabytes) {
        update(cost -> cost.withAllocMegabytes(allocMegabytes));
    }

    @Override
    public String getDescription() {
        return get().describe();
    }

    @Override
    public void reset() {
        set(WorkCost.NONE);
    }
}
