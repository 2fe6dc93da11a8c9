package io.lvsfeedback.model.agent;

import javax.management.ConstructorParameters;

/**
 * One real-server network check as JMX shows it (a CompositeData row): what was expected, what was
 * found, and the command that fixes it when they differ.
 */
public final class CheckView {
    private final String name;
    private final String expected;
    private final String actual;
    private final boolean ok;
    private final String fix;

    @ConstructorParameters({"name", "expected", "actual", "ok", "fix"})
    public CheckView(String name, String expected, String actual, boolean ok, String fix) {
        this.name = name;
        this.expected = expected;
        this.actual = actual;
        this.ok = ok;
        this.fix = fix == null ? "" : fix;
    }

    /** E.g. {@code sysctl net.ipv4.conf.all.arp_ignore} or {@code vip 10.0.0.10/32 on lo}. */
    public String getName() {
        return name;
    }

    public String getExpected() {
        return expected;
    }

    public String getActual() {
        return actual;
    }

    public boolean isOk() {
        return ok;
    }

    /** The exact command that fixes a failed check; empty when it passed. */
    public String getFix() {
        return fix;
    }

    @Override
    public String toString() {
        return name + ": " + (ok ? "ok" : "expected " + expected + ", found " + actual + (fix.isEmpty() ? "" : " (fix: " + fix + ")"));
    }
}
