package io.lvsfeedback.agent.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * TUN with the real tunnel drivers, which the build host's kernel lacks: runs in the lab VM
 * ({@code lab/kernel-tests agent}), where {@code ipip} is loaded and {@code ip6_tunnel} can be.
 */
@Tag("kernel")
class RealServerTunnelKernelTest {
    @Test
    void tunPutsVipsOnTheRealTunnelDevicesAndUndoRemovesThem() {
        try (Netns ns = Netns.create()) {
            ns.sh("ip link set lo up && sysctl -qw net.ipv4.conf.all.rp_filter=1");
            try (ProbeProcess probe = ProbeProcess.start(ns.execPrefix(), ChildClassPath.current())) {
                probe.send("setup forwarding=tun mode=configure vips=10.0.0.20,fd00::20");

                List<Check> applied = ProbeProcess.checks("CHECK", probe.send("apply"));

                assertThat(applied.stream().filter(c -> !c.ok()).collect(Collectors.toList())).isEmpty();
                assertThat(ns.sh("ip -o link show dev tunl0")).contains("ipip").contains(",UP");
                assertThat(ns.addresses("tunl0")).contains("10.0.0.20/32");
                assertThat(ns.addresses("ip6tnl0")).contains("fd00::20/128");
                assertThat(ns.sysctl("net.ipv4.conf.all.rp_filter")).isEqualTo("0");
                assertThat(ns.sysctl("net.ipv4.conf.tunl0.rp_filter")).isIn("0", "2");

                probe.send("undo");

                assertThat(ns.addresses("tunl0")).doesNotContain("10.0.0.20");
                assertThat(ns.addresses("ip6tnl0")).doesNotContain("fd00::20");
                assertThat(ns.sysctl("net.ipv4.conf.all.rp_filter")).isEqualTo("1");
                probe.send("quit");
            }
        }
    }
}
