package io.lvsfeedback.agent.realserver;

import java.util.Optional;
import java.util.Set;

/**
 * A sysctl that must hold one of the accepted values. Remembers the value it replaced (here and in
 * the namespace's {@link SharedUse} record), so undo can put it back; the last agent JVM of the
 * namespace does so, and only while the sysctl still holds what the agents wrote.
 */
final class SysctlRequirement implements Requirement {
    private final SysctlKey key;
    private final Set<String> accepted;
    private final String target;
    private final String expected;
    private final Sysctls sysctls;
    private final SharedUse shared;
    private String replaced;

    SysctlRequirement(SysctlKey key, String target, Set<String> accepted, String expected, Sysctls sysctls,
            SharedUse shared) {
        this.key = key;
        this.target = target;
        this.accepted = accepted;
        this.expected = expected;
        this.sysctls = sysctls;
        this.shared = shared;
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
        shared.rememberOriginal(key, value.get());
    }

    @Override
    public Optional<Check> undo() {
        String original = replaced != null ? replaced : shared.original(key).orElse(null);
        if (original == null) {
            return Optional.empty();
        }
        String name = "undo " + name();
        replaced = null;
        int others = shared.otherUsers();
        if (others > 0) {
            return Optional.of(Check.passed(name, original, "kept: " + others + " other agent JVM(s) here still use it"));
        }
        shared.forgetOriginal(key);
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
