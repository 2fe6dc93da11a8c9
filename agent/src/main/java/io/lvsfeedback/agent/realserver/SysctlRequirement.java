package io.lvsfeedback.agent.realserver;

import java.util.Optional;
import java.util.Set;

/**
 * A sysctl that must hold one of the accepted values. Remembers the value it replaced, so undo can
 * put it back, and only does so while the sysctl still holds what this agent wrote.
 */
final class SysctlRequirement implements Requirement {
    private final SysctlKey key;
    private final Set<String> accepted;
    private final String target;
    private final String expected;
    private final Sysctls sysctls;
    private String replaced;

    SysctlRequirement(SysctlKey key, String target, Set<String> accepted, String expected, Sysctls sysctls) {
        this.key = key;
        this.target = target;
        this.accepted = accepted;
        this.expected = expected;
        this.sysctls = sysctls;
    }

    private String fix() {
        return "sysctl -w " + key.name() + "=" + target;
    }

    @Override
    public String name() {
        return "sysctl " + key.name();
    }

    @Override
    public Check verify() {
        try {
            Optional<String> value = sysctls.read(key);
            if (!value.isPresent()) {
                return Check.failed(name(), expected, "missing (" + sysctls.fileOf(key) + " does not exist)", fix());
            }
            return accepted.contains(value.get())
                    ? Check.passed(name(), expected, value.get())
                    : Check.failed(name(), expected, value.get(), fix());
        } catch (EnvironmentException e) {
            return Check.failed(name(), expected, "unknown: " + e.getMessage(), fix());
        }
    }

    @Override
    public void configure() throws EnvironmentException {
        Optional<String> value = sysctls.read(key);
        if (!value.isPresent()) {
            throw new EnvironmentException(sysctls.fileOf(key) + " does not exist");
        }
        if (accepted.contains(value.get())) {
            return;
        }
        sysctls.write(key, target);
        if (replaced == null) {
            replaced = value.get();
        }
    }

    @Override
    public Optional<Check> undo() {
        if (replaced == null) {
            return Optional.empty();
        }
        String name = "undo " + name();
        String original = replaced;
        replaced = null;
        try {
            Optional<String> now = sysctls.read(key);
            if (!now.isPresent()) {
                return Optional.of(Check.passed(name, original, "gone (interface removed)"));
            }
            if (!now.get().equals(target)) {
                // Someone set it after us: theirs wins.
                return Optional.of(Check.passed(name, original, "left at " + now.get() + " (changed by someone else)"));
            }
            sysctls.write(key, original);
            return Optional.of(Check.passed(name, original, original));
        } catch (EnvironmentException e) {
            return Optional.of(Check.failed(name, original, e.getMessage(), "sysctl -w " + key.name() + "=" + original));
        }
    }
}
