package io.lvsfeedback.agent.report;

import io.lvsfeedback.model.protocol.AdminState;

/**
 * What operators and the lifecycle decided about serving: drain, maintenance, a fixed weight,
 * shutting down. Combined with the checks in {@link #resolve}; the order there is the priority.
 */
public final class AdminControl {
    /** No override: the load model's weight applies. */
    public static final int NO_OVERRIDE = -1;

    private boolean shuttingDown;
    private boolean drained;
    private String maintenance;
    private int weightOverride = NO_OVERRIDE;
    private volatile Runnable onChange = () -> {};

    void onChange(Runnable r) {
        this.onChange = r;
    }

    public void drain() {
        synchronized (this) {
            drained = true;
        }
        onChange.run();
    }

    /** Back to serving: ends an operator's drain and maintenance (not a shutdown). */
    public void resume() {
        synchronized (this) {
            drained = false;
            maintenance = null;
        }
        onChange.run();
    }

    public void maintenance(String reason) {
        synchronized (this) {
            maintenance = reason == null || reason.isBlank() ? "maintenance" : reason.trim();
        }
        onChange.run();
    }

    public void weightOverride(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("weight override must be 0..100, got " + percent);
        }
        synchronized (this) {
            weightOverride = percent;
        }
        onChange.run();
    }

    public void clearWeightOverride() {
        synchronized (this) {
            weightOverride = NO_OVERRIDE;
        }
        onChange.run();
    }

    /** The JVM is stopping: drain for good. */
    public void shutdown() {
        synchronized (this) {
            shuttingDown = true;
        }
        onChange.run();
    }

    /** The maintenance reason, or null when not in maintenance. */
    public synchronized String maintenance() {
        return maintenance;
    }

    public synchronized int weightOverride() {
        return weightOverride;
    }

    /**
     * The state to report. Priority: shutdown, maintenance, operator drain, failed network checks
     * (down: the VIP traffic cannot be served), a failing dependency (drain), else ready.
     *
     * @param networkProblem why the real-server checks fail, or null
     * @param dependencyProblem why a declared dependency fails, or null
     */
    public synchronized Decision resolve(String networkProblem, String dependencyProblem) {
        if (shuttingDown) {
            return new Decision(AdminState.DRAIN, "shutting down");
        }
        if (maintenance != null) {
            return new Decision(AdminState.MAINT, maintenance);
        }
        if (drained) {
            return new Decision(AdminState.DRAIN, "drained by operator");
        }
        if (networkProblem != null) {
            return new Decision(AdminState.DOWN, networkProblem);
        }
        if (dependencyProblem != null) {
            return new Decision(AdminState.DRAIN, dependencyProblem);
        }
        return new Decision(AdminState.READY, "");
    }

    /** A state and why. */
    public static final class Decision {
        private final AdminState state;
        private final String reason;

        Decision(AdminState state, String reason) {
            this.state = state;
            this.reason = reason;
        }

        public AdminState state() {
            return state;
        }

        public String reason() {
            return reason;
        }
    }
}
