package io.lvsfeedback.agent.realserver;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A per-interface IPv4 sysctl such as {@code net.ipv4.conf.all.arp_ignore}. Interface names may
 * contain dots (VLANs: {@code eth0.100}), which sysctl(8) writes as '/', so the key keeps the parts.
 */
final class SysctlKey {
    private final String ifname;
    private final String setting;

    private SysctlKey(String ifname, String setting) {
        this.ifname = Objects.requireNonNull(ifname);
        this.setting = Objects.requireNonNull(setting);
    }

    static SysctlKey ipv4Conf(String ifname, String setting) {
        return new SysctlKey(ifname, setting);
    }

    /** The file under the sysctl root, e.g. {@code net/ipv4/conf/eth0.100/arp_ignore}. */
    Path file(Path sysctlRoot) {
        return sysctlRoot.resolve("net").resolve("ipv4").resolve("conf").resolve(ifname).resolve(setting);
    }

    /** The name sysctl(8) accepts, e.g. {@code net.ipv4.conf.eth0/100.arp_ignore}. */
    String name() {
        return "net.ipv4.conf." + ifname.replace('.', '/') + "." + setting;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SysctlKey && ((SysctlKey) o).ifname.equals(ifname) && ((SysctlKey) o).setting.equals(setting);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ifname, setting);
    }

    @Override
    public String toString() {
        return name();
    }
}
