package io.lvsfeedback.agent.realserver;

import java.util.Arrays;
import java.util.Optional;

/** An interface that must be administratively up (the VIP's {@code lo} or {@code tunl0}). */
final class LinkUpRequirement implements Requirement {
    private final String ifname;
    private final NetInterfaces interfaces;
    private final SystemCommands commands;

    LinkUpRequirement(String ifname, NetInterfaces interfaces, SystemCommands commands) {
        this.ifname = ifname;
        this.interfaces = interfaces;
        this.commands = commands;
    }

    private String fix() {
        return "ip link set " + ifname + " up";
    }

    @Override
    public String name() {
        return "link " + ifname;
    }

    @Override
    public Check verify() {
        if (!interfaces.exists(ifname)) {
            return Check.failed(name(), "up", "missing", fix());
        }
        return interfaces.isUp(ifname) ? Check.passed(name(), "up", "up") : Check.failed(name(), "up", "down", fix());
    }

    @Override
    public void configure() throws EnvironmentException {
        if (interfaces.exists(ifname) && !interfaces.isUp(ifname)) {
            commands.run(Arrays.asList("ip", "link", "set", ifname, "up"));
        }
    }

    /** Left up: taking an interface down could cut traffic that is not ours. */
    @Override
    public Optional<Check> undo() {
        return Optional.empty();
    }
}
