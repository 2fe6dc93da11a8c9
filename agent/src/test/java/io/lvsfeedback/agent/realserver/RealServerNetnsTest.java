package io.lvsfeedback.agent.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-server setup against the host kernel, each test in network namespaces of its own. The
 * setup runs in a child JVM started with {@code ip netns exec}; the test checks the result from
 * outside with {@code ip} and {@code sysctl}. Needs root (for {@code ip netns add}).
 */
class RealServerNetnsTest {
    private static final List<String> NOBODY = Arrays.asList("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

    @BeforeAll
    static void needsNamespaces() {
        Assumptions.assumeTrue(Netns.available(), "needs root and 'ip netns' (creating a network namespace failed)");
    }

    @Test
    void drConfigureSetsVipAndArpSysctlsRepairsDriftAndUndoesOnlyItsOwn() {
        try (Netns ns = Netns.create()) {
            ns.sh("ip link set lo up && ip link add rs0 type veth peer name rs0p && ip link set rs0 up"
                    + " && ip addr add 10.0.0.11/32 dev lo && sysctl -qw net.ipv4.conf.all.arp_announce=2");
            try (ProbeProcess probe = ProbeProcess.start(ns.execPrefix(), ChildClassPath.current())) {
                probe.send("setup forwarding=dr mode=configure vips=10.0.0.10,10.0.0.11,fd00::10 out=rs0 reverify=200");

                List<Check> before = ProbeProcess.checks("CHECK", probe.send("verify"));
                assertThat(failed(before)).extracting(Check::fix).contains("ip addr add 10.0.0.10/32 dev lo",
                        "ip -6 addr add fd00::10/128 dev lo", "sysctl -w net.ipv4.conf.all.arp_ignore=1",
                        "sysctl -w net.ipv4.conf.rs0.arp_announce=2");
                assertThat(named(before, "vip 10.0.0.10/32 on lo").actual()).isEqualTo("missing");
                assertThat(ns.addresses("lo")).doesNotContain("10.0.0.10/32");

                List<Check> applied = ProbeProcess.checks("CHECK", probe.send("apply"));
                assertThat(failed(applied)).isEmpty();
                assertThat(ns.addresses("lo")).contains("10.0.0.10/32", "10.0.0.11/32", "fd00::10/128");
                assertThat(ns.sysctl("net.ipv4.conf.all.arp_ignore")).isEqualTo("1");
                assertThat(ns.sysctl("net.ipv4.conf.rs0.arp_ignore")).isEqualTo("1");
                assertThat(ns.sysctl("net.ipv4.conf.rs0.arp_announce")).isEqualTo("2");

                probe.send("watch");
                ns.sh("ip addr del 10.0.0.10/32 dev lo && sysctl -qw net.ipv4.conf.rs0.arp_ignore=0");
                List<String> event = probe.readUntil("EVENT");
                assertThat(ProbeProcess.checks("CHANGED", event)).extracting(Check::name).containsAnyOf(
                        "vip 10.0.0.10/32 on lo", "sysctl net.ipv4.conf.rs0.arp_ignore");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(ns.addresses("lo")).contains("10.0.0.10/32");
                    assertThat(ns.sysctl("net.ipv4.conf.rs0.arp_ignore")).isEqualTo("1");
                });

                List<Check> undone = ProbeProcess.checks("CHECK", probe.send("undo"));
                assertThat(failed(undone)).isEmpty();
                assertThat(undone).extracting(Check::name).doesNotContain("undo vip 10.0.0.11/32 on lo",
                        "undo sysctl net.ipv4.conf.all.arp_announce");
                String lo = ns.addresses("lo");
                assertThat(lo).contains("10.0.0.11/32").doesNotContain("10.0.0.10/32").doesNotContain("fd00::10");
                assertThat(ns.sysctl("net.ipv4.conf.all.arp_ignore")).isEqualTo("0");
                assertThat(ns.sysctl("net.ipv4.conf.rs0.arp_ignore")).isEqualTo("0");
                assertThat(ns.sysctl("net.ipv4.conf.rs0.arp_announce")).isEqualTo("0");
                assertThat(ns.sysctl("net.ipv4.conf.all.arp_announce")).isEqualTo("2");
                probe.send("quit");
            }
        }
    }

    @Test
    void tunConfiguresTunl0AndRpFilterAndNatChecksTheDefaultRoute() {
        try (Netns ns = Netns.create()) {
            // The host kernel has no ipip module: a veth named tunl0 stands in for the tunnel device.
            ns.sh("ip link set lo up && ip link add tunl0 type veth peer name tunl0p"
                    + " && sysctl -qw net.ipv4.conf.all.rp_filter=1 && sysctl -qw net.ipv4.conf.tunl0.rp_filter=1"
                    + " && ip link add nat0 type veth peer name nat0p && ip addr add 10.1.0.2/24 dev nat0"
                    + " && ip link set nat0 up && ip link set nat0p up && ip route add default via 10.1.0.1"
                    + " && ip -6 addr add fd01::2/64 dev nat0 nodad && ip -6 route add default via fd01::1");
            try (ProbeProcess probe = ProbeProcess.start(ns.execPrefix(), ChildClassPath.current())) {
                probe.send("setup forwarding=tun mode=configure vips=10.0.0.20");
                List<Check> applied = ProbeProcess.checks("CHECK", probe.send("apply"));
                assertThat(failed(applied)).isEmpty();
                assertThat(ns.addresses("tunl0")).contains("10.0.0.20/32");
                assertThat(ns.sh("ip -o link show dev tunl0")).contains(",UP");
                assertThat(ns.sysctl("net.ipv4.conf.all.rp_filter")).isEqualTo("0");
                assertThat(ns.sysctl("net.ipv4.conf.tunl0.rp_filter")).isEqualTo("0");

                probe.send("undo");
                assertThat(ns.addresses("tunl0")).doesNotContain("10.0.0.20");
                assertThat(ns.sysctl("net.ipv4.conf.all.rp_filter")).isEqualTo("1");
                assertThat(ns.sysctl("net.ipv4.conf.tunl0.rp_filter")).isEqualTo("1");

                ns.sh("ip link del tunl0");
                probe.send("setup forwarding=tun mode=configure vips=10.0.0.20");
                List<Check> noTunnel = ProbeProcess.checks("CHECK", probe.send("apply"));
                assertThat(named(noTunnel, "configure interface tunl0").actual()).contains("modprobe ipip");
                assertThat(named(noTunnel, "interface tunl0")).satisfies(c -> {
                    assertThat(c.ok()).isFalse();
                    assertThat(c.fix()).isEqualTo("modprobe ipip");
                });

                probe.send("setup forwarding=nat mode=verify director=10.1.0.1");
                assertThat(ProbeProcess.checks("CHECK", probe.send("apply"))).singleElement().satisfies(c -> {
                    assertThat(c.ok()).isTrue();
                    assertThat(c.actual()).isEqualTo("via 10.1.0.1 dev nat0");
                });
                probe.send("setup forwarding=nat mode=configure director=10.1.0.9");
                assertThat(ProbeProcess.checks("CHECK", probe.send("apply"))).singleElement().satisfies(c -> {
                    assertThat(c.ok()).isFalse();
                    assertThat(c.fix()).isEqualTo("ip route replace default via 10.1.0.9");
                });
                assertThat(ns.sh("ip route show default")).contains("via 10.1.0.1");
                probe.send("setup forwarding=nat mode=verify director=fd01::1");
                assertThat(ProbeProcess.checks("CHECK", probe.send("apply"))).singleElement().satisfies(c -> {
                    assertThat(c.name()).isEqualTo("default route (IPv6)");
                    assertThat(c.ok()).isTrue();
                    assertThat(c.actual()).isEqualTo("via fd01::1 dev nat0");
                });
                probe.send("quit");
            }
        }
    }

    @Test
    void unprivilegedConfigureDegradesToVerifyAndCapNetAdminIsEnough(@TempDir Path tmp) {
        String classPath = ChildClassPath.worldReadableCopy(tmp);
        try (Netns ns = Netns.create()) {
            ns.sh("ip link set lo up && ip link add rs0 type veth peer name rs0p && ip link set rs0 up");
            String setup = "setup forwarding=dr mode=configure vips=10.0.0.30 out=rs0";

            List<String> noCaps = ns.execPrefix();
            noCaps.addAll(NOBODY);
            noCaps.addAll(Arrays.asList("--inh-caps=-all", "--bounding-set=-all"));
            try (ProbeProcess probe = ProbeProcess.start(noCaps, classPath)) {
                probe.send(setup);
                List<Check> checks = ProbeProcess.checks("CHECK", probe.send("apply"));
                assertThat(named(checks, "privilege")).satisfies(c -> {
                    assertThat(c.ok()).isFalse();
                    assertThat(c.actual()).contains("not permitted");
                });
                assertThat(RealServerSetup.fixCommands(checks)).contains("ip addr add 10.0.0.30/32 dev lo",
                        "sysctl -w net.ipv4.conf.all.arp_ignore=1", "sysctl -w net.ipv4.conf.all.arp_announce=2",
                        "sysctl -w net.ipv4.conf.rs0.arp_ignore=1", "sysctl -w net.ipv4.conf.rs0.arp_announce=2");
                assertThat(probe.send("denied")).containsExactly("DENIED\ttrue");
                probe.send("quit");
            }
            assertThat(ns.addresses("lo")).doesNotContain("10.0.0.30");
            assertThat(ns.sysctl("net.ipv4.conf.all.arp_ignore")).isEqualTo("0");

            List<String> netAdmin = ns.execPrefix();
            netAdmin.addAll(NOBODY);
            netAdmin.addAll(Arrays.asList("--inh-caps=+net_admin", "--ambient-caps=+net_admin"));
            try (ProbeProcess probe = ProbeProcess.start(netAdmin, classPath)) {
                probe.send(setup);
                List<Check> checks = ProbeProcess.checks("CHECK", probe.send("apply"));
                assertThat(failed(checks)).isEmpty();
                assertThat(probe.send("denied")).containsExactly("DENIED\tfalse");
                assertThat(ns.addresses("lo")).contains("10.0.0.30/32");
                assertThat(ns.sysctl("net.ipv4.conf.all.arp_ignore")).isEqualTo("1");
                assertThat(ns.sysctl("net.ipv4.conf.rs0.arp_announce")).isEqualTo("2");

                assertThat(failed(ProbeProcess.checks("CHECK", probe.send("undo")))).isEmpty();
                assertThat(ns.addresses("lo")).doesNotContain("10.0.0.30");
                assertThat(ns.sysctl("net.ipv4.conf.all.arp_ignore")).isEqualTo("0");
                probe.send("quit");
            }
        }
    }

    private static List<Check> failed(List<Check> checks) {
        return checks.stream().filter(c -> !c.ok()).collect(Collectors.toList());
    }

    private static Check named(List<Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check named '" + name + "' in " + checks));
    }
}
