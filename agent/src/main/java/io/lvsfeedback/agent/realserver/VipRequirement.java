package io.lvsfeedback.agent.realserver;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A VIP as a host address (/32 or /128) on an interface; remembers whether this agent, or another
 * agent of the namespace ({@link SharedUse}), added it, and removes it only when no other agent
 * JVM still uses it.
 */
final class VipRequirement implements Requirement {
    private final String ifname;
    private final InetAddress vip;
    private final AddressOps ops;
    private final SharedUse shared;
    private boolean addedByUs;

    VipRequirement(String ifname, InetAddress vip, AddressOps ops, SharedUse shared) {
        this.ifname = ifname;
        this.vip = vip;
        this.ops = ops;
        this.shared = shared;
    }

    private String cidr() {
        return Addresses.format(vip) + (vip instanceof Inet4Address ? "/32" : "/128");
    }

    private String ipCommand(String verb) {
        return "ip " + (vip instanceof Inet4Address ? "" : "-6 ") + "addr " + verb + " " + cidr() + " dev " + ifname;
    }

    @Override
    public String name() {
        return "vip " + cidr() + " on " + ifname;
    }

    @Override
    public Check verify() {
        try {
            return present()
                    ? Check.passed(name(), "present", "present")
                    : Check.failed(name(), "present", "missing", ipCommand("add"));
        } catch (EnvironmentException e) {
            return Check.failed(name(), "present", "unknown: " + e.getMessage(), ipCommand("add"));
        }
    }

    private boolean present() throws EnvironmentException {
        return ops.addresses(ifname).contains(vip);
    }

    @Override
    public void configure() throws EnvironmentException {
        if (!ops.unavailableReason().isEmpty()) {
            return; // Verify-only for VIPs: the netlink check says why, this check gives the command.
        }
        // Read first: an unprivileged agent must not fail on a VIP the operator already added.
        if (!present() && ops.add(ifname, vip)) {
            addedByUs = true;
            shared.markAdded(vip);
        }
    }

    @Override
    public Optional<Check> undo() {
        if (!addedByUs && !shared.addedByAnAgent(vip)) {
            return Optional.empty();
        }
        String name = "undo " + name();
        int others = shared.otherUsers(vip);
        if (others > 0) {
            addedByUs = false;
            return Optional.of(Check.passed(name, "removed", "kept: " + others + " other agent JVM(s) here still use it"));
        }
        try {
            boolean removed = ops.delete(ifname, vip);
            addedByUs = false;
            shared.forgetAdded(vip);
            return Optional.of(Check.passed(name, "removed", removed ? "removed" : "already gone"));
        } catch (EnvironmentException e) {
            return Optional.of(Check.failed(name, "removed", e.getMessage(), ipCommand("del")));
        }
    }
}
