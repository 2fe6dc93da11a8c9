package io.lvsfeedback.agent.realserver;

import java.util.Objects;

/**
 * One verified fact about the real-server setup: what was expected, what was found, and, when they
 * differ, the exact command an operator can run to fix it. Immutable.
 */
public final class Check {
    private final String name;
    private final String expected;
    private final String actual;
    private final boolean ok;
    private final String fix;

    public Check(String name, String expected, String actual, boolean ok, String fix) {
        this.name = Objects.requireNonNull(name, "name");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.actual = Objects.requireNonNull(actual, "actual");
        this.ok = ok;
        this.fix = fix == null ? "" : fix;
    }

    static Check passed(String name, String expected, String actual) {
        return new Check(name, expected, actual, true, "");
    }

    static Check failed(String name, String expected, String actual, String fix) {
        return new Check(name, expected, actual, false, fix);
    }

    /** A stable identifier such as {@code sysctl net.ipv4.conf.all.arp_ignore} or {@code vip 10.0.0.10/32 on lo}. */
    public String name() {
        return name;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }

    public boolean ok() {
        return ok;
    }

    /** The command (or instruction) that fixes a failed check; empty when there is nothing to fix. */
    public String fix() {
        return fix;
    }

    /** Same check, same outcome: used to tell drift from an unchanged state. */
    boolean sameStateAs(Check other) {
        return other != null && ok == other.ok && actual.equals(other.actual);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Check)) {
            return false;
        }
        Check c = (Check) o;
        return ok == c.ok && name.equals(c.name) && expected.equals(c.expected)
                && actual.equals(c.actual) && fix.equals(c.fix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, expected, actual, ok, fix);
    }

    /** One log line, e.g. {@code FAIL vip 10.0.0.10/32 on lo: expected present, found missing; fix: ip addr add ...}. */
    @Override
    public String toString() {
        String line = (ok ? "OK   " : "FAIL ") + name + ": expected " + expected + ", found " + actual;
        return fix.isEmpty() ? line : line + "; fix: " + fix;
    }
}
