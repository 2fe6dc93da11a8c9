package io.lvsfeedback.agent.realserver;

import java.util.Arrays;
import java.util.Optional;

/** A tunnel interface that a kernel module creates on load ({@code tunl0} from {@code ipip}). */
final class InterfaceRequirement implements Requirement {
    private final String ifname;
    private final String module;
    private final NetInterfaces interfaces;
    private final SystemCommands commands;

    InterfaceRequirement(String ifname, String module, NetInterfaces interfaces, SystemCommands commands) {
        this.ifname = ifname;
        this.module = module;
        this.interfaces = interfaces;
        this.commands = commands;
    }

    @Override
    public String name() {
        return "interface " + ifname;
    }

    @Override
    public Check verify() {
        return interfaces.exists(ifname)
                ? Check.passed(name(), "present", "present")
                : Check.failed(name(), "present", "missing", "modprobe " + module);
    }

    @Override
    public void configure() throws EnvironmentException {
        if (interfaces.exists(ifname)) {
            return;
        }
        commands.run(Arrays.asList("modprobe", module));
        if (!interfaces.exists(ifname)) {
            throw new EnvironmentException("'modprobe " + module + "' succeeded but " + ifname + " did not appear");
        }
    }

    /** A loaded module is left loaded: other users of the tunnel may depend on it. */
    @Override
    public Optional<Check> undo() {
        return Optional.empty();
    }
}
