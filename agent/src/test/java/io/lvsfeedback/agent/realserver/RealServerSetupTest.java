package io.lvsfeedback.agent.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setup's policy against an in-memory address table and a sysctl tree in a temp dir. */
class RealServerSetupTest {
    private static final InetAddress VIP = ip("10.0.0.10");
    private static final InetAddress OPERATOR_VIP = ip("10.0.0.11");

    @TempDir
    Path tmp;

    private FakeHost host;
    private FakeAddressOps ops;
    private FakeCommands commands;

    @BeforeEach
    void host() {
        host = new FakeHost(tmp).nic("lo", true, true).nic("eth0", true, false).nic("eth1", false, false);
        ops = new FakeAddressOps().with("lo", ip("127.0.0.1"), OPERATOR_VIP).with("eth0", ip("192.168.1.5"));
        commands = new FakeCommands();
    }

    @Test
    void drConfigureAddsVipAndArpSysctlsAndUndoTakesBackOnlyItsOwn() {
        host.sysctl("all", "arp_announce", "2");
        RealServerSetup setup = setup(host.settings().vips(Arrays.asList(VIP, OPERATOR_VIP))
                .forwarding(Forwarding.DR).mode(NetworkMode.CONFIGURE).outwardInterfaces(Arrays.asList("eth0")));

        List<Check> checks = setup.apply();

        assertThat(checks).allMatch(Check::ok, "all ok");
        assertThat(names(checks)).contains("vip 10.0.0.10/32 on lo", "sysctl net.ipv4.conf.all.arp_ignore",
                "sysctl net.ipv4.conf.eth0.arp_announce").doesNotContain("sysctl net.ipv4.conf.eth1.arp_ignore");
        assertThat(ops.byInterface.get("lo")).contains(VIP, OPERATOR_VIP);
        assertThat(host.sysctlValue("all", "arp_ignore")).isEqualTo("1");
        assertThat(host.sysctlValue("eth0", "arp_ignore")).isEqualTo("1");
        assertThat(host.sysctlValue("eth0", "arp_announce")).isEqualTo("2");

        List<Check> undone = setup.undo();

        assertThat(ops.byInterface.get("lo")).contains(OPERATOR_VIP).doesNotContain(VIP);
        assertThat(host.sysctlValue("all", "arp_ignore")).isEqualTo("0");
        assertThat(host.sysctlValue("eth0", "arp_announce")).isEqualTo("0");
        assertThat(host.sysctlValue("all", "arp_announce")).isEqualTo("2");
        assertThat(names(undone)).containsExactlyInAnyOrder("undo vip 10.0.0.10/32 on lo",
                "undo sysctl net.ipv4.conf.all.arp_ignore", "undo sysctl net.ipv4.conf.eth0.arp_ignore",
                "undo sysctl net.ipv4.conf.eth0.arp_announce");
    }

    @Test
    void undoLeavesASysctlThatSomeoneChangedAfterUs() {
        RealServerSetup setup = setup(host.settings().vip(VIP).mode(NetworkMode.CONFIGURE)
                .outwardInterfaces(Arrays.asList("eth0")));
        setup.apply();
        host.sysctl("all", "arp_ignore", "2");

        List<Check> undone = setup.undo();

        assertThat(host.sysctlValue("all", "arp_ignore")).isEqualTo("2");
        assertThat(undone).filteredOn(c -> c.name().equals("undo sysctl net.ipv4.conf.all.arp_ignore"))
                .singleElement().satisfies(c -> assertThat(c.actual()).contains("changed by someone else"));
    }

    @Test
    void verifyReportsTheMissingVipWithTheExactCommandAndChangesNothing() {
        RealServerSetup setup = setup(host.settings().vips(Arrays.asList(VIP, ip("fd00::10")))
                .mode(NetworkMode.VERIFY).outwardInterfaces(Arrays.asList("eth0")));

        List<Check> checks = setup.apply();

        assertThat(checks).filteredOn(c -> !c.ok()).extracting(Check::fix).containsExactlyInAnyOrder(
                "ip addr add 10.0.0.10/32 dev lo", "ip -6 addr add fd00::10/128 dev lo",
                "sysctl -w net.ipv4.conf.all.arp_ignore=1", "sysctl -w net.ipv4.conf.all.arp_announce=2",
                "sysctl -w net.ipv4.conf.eth0.arp_ignore=1", "sysctl -w net.ipv4.conf.eth0.arp_announce=2");
        assertThat(checks).filteredOn(c -> c.name().equals("vip 10.0.0.10/32 on lo")).singleElement()
                .satisfies(c -> assertThat(c.actual()).isEqualTo("missing"));
        assertThat(ops.changes).isZero();
        assertThat(host.sysctlValue("all", "arp_ignore")).isEqualTo("0");
    }

    @Test
    void withoutPrivilegeConfigureDegradesToVerifyAndListsTheCommands() {
        ops.permitted = false;
        RealServerSetup setup = setup(host.settings().vip(VIP).mode(NetworkMode.CONFIGURE)
                .outwardInterfaces(Arrays.asList("eth0")));

        List<Check> checks = setup.apply();

        assertThat(setup.configureDenied()).isTrue();
        assertThat(checks.get(0).name()).isEqualTo("privilege");
        assertThat(checks.get(0).ok()).isFalse();
        assertThat(checks.get(0).actual()).contains("Operation not permitted");
        assertThat(RealServerSetup.fixCommands(checks)).contains("ip addr add 10.0.0.10/32 dev lo",
                "sysctl -w net.ipv4.conf.all.arp_ignore=1", "sysctl -w net.ipv4.conf.eth0.arp_announce=2");
        assertThat(RealServerSetup.fixCommands(checks)).as("only commands, no advice")
                .allMatch(f -> f.startsWith("ip ") || f.startsWith("sysctl "));
        assertThat(host.sysctlValue("all", "arp_ignore")).isEqualTo("0");
    }

    @Test
    void aMissingSysctlRootBecomesFailedChecksNotAnException() {
        RealServerSetup setup = setup(host.settings().sysctlRoot(tmp.resolve("no-such-proc-sys")).vip(VIP)
                .mode(NetworkMode.CONFIGURE).outwardInterfaces(Arrays.asList("eth0")));

        List<Check> checks = setup.apply();

        assertThat(checks).filteredOn(c -> c.name().equals("sysctl net.ipv4.conf.all.arp_ignore"))
                .singleElement().satisfies(c -> {
                    assertThat(c.ok()).isFalse();
                    assertThat(c.actual()).contains("does not exist");
                });
        assertThat(checks).filteredOn(c -> c.name().equals("configure sysctl net.ipv4.conf.all.arp_ignore"))
                .singleElement().satisfies(c -> assertThat(c.actual()).contains("no-such-proc-sys"));
        assertThat(ops.byInterface.get("lo")).contains(VIP);
    }

    @Test
    void reverifyNoticesARemovedVipAndRepairsItInConfigureMode() {
        RealServerSetup setup = setup(host.settings().vip(VIP).mode(NetworkMode.CONFIGURE)
                .outwardInterfaces(Arrays.asList("eth0")));
        setup.apply();
        ops.byInterface.get("lo").remove(VIP);
        host.sysctl("eth0", "arp_announce", "0");
        List<List<Check>> changed = new ArrayList<>();
        List<List<Check>> current = new ArrayList<>();

        setup.reverifyOnce((c, now) -> {
            changed.add(c);
            current.add(now);
        });

        assertThat(changed).singleElement().satisfies(c -> assertThat(names(c))
                .containsExactlyInAnyOrder("vip 10.0.0.10/32 on lo", "sysctl net.ipv4.conf.eth0.arp_announce"));
        assertThat(current.get(0)).allMatch(Check::ok);
        assertThat(ops.byInterface.get("lo")).contains(VIP);
        assertThat(host.sysctlValue("eth0", "arp_announce")).isEqualTo("2");

        setup.reverifyOnce((c, now) -> changed.add(c));
        assertThat(changed).as("nothing changed since: no second notice").hasSize(1);

        setup.undo();
        assertThat(ops.byInterface.get("lo")).doesNotContain(VIP);
        assertThat(host.sysctlValue("eth0", "arp_announce")).isEqualTo("0");
    }

    /** Pins issue 17: a failing re-verification pass was swallowed without a word. */
    @Test
    void aFailingReverifyPassIsLoggedOnceAndReverificationGoesOn() {
        RealServerSetup setup = setup(host.settings().vip(VIP).mode(NetworkMode.CONFIGURE)
                .outwardInterfaces(Arrays.asList("eth0")));
        setup.apply();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(RealServerSetup.class.getName());
        List<java.util.logging.LogRecord> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            for (int pass = 0; pass < 2; pass++) {
                ops.byInterface.get("lo").remove(VIP); // a change, so the listener is called
                setup.reverifyOnce((c, now) -> {
                    throw new IllegalStateException("listener broke");
                });
            }
            assertThat(warnings).as("the same failure twice: one warning").singleElement()
                    .satisfies(r -> assertThat(r.getThrown()).hasMessage("listener broke"));
            ops.byInterface.get("lo").remove(VIP);
            List<List<Check>> changed = new ArrayList<>();
            setup.reverifyOnce((c, now) -> changed.add(c));
            assertThat(changed).as("later passes still run and notify").hasSize(1);
        } finally {
            log.removeHandler(handler);
            setup.undo();
        }
    }

    /** Pins a race: a re-verification parked on the lock while undo ran used to re-add the VIP right after. */
    @Test
    void aReverifyPassWaitingWhileUndoRunsDoesNotPutTheVipBack() throws Exception {
        RealServerSetup setup = setup(host.settings().vip(VIP).mode(NetworkMode.CONFIGURE)
                .reverifyInterval(Duration.ofMillis(1)).outwardInterfaces(Arrays.asList("eth0")));
        setup.apply();
        AtomicReference<Thread> worker = new AtomicReference<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reverify-race");
            worker.set(t);
            return t;
        });
        try {
            synchronized (setup) {
                setup.startReverify((c, now) -> {}, scheduler);
                // The scheduled pass is now parked on the setup's lock, as it would be during a slow undo.
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> worker.get() != null && worker.get().getState() == Thread.State.BLOCKED);
                setup.undo();
            }
        } finally {
            scheduler.shutdown();
            assertThat(scheduler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(ops.byInterface.get("lo")).doesNotContain(VIP);
        assertThat(host.sysctlValue("all", "arp_ignore")).isEqualTo("0");
    }

    @Test
    void reverifyInVerifyModeReportsButDoesNotRepair() {
        ops.with("lo", VIP);
        RealServerSetup setup = setup(host.settings().vip(VIP).mode(NetworkMode.VERIFY)
                .outwardInterfaces(Arrays.asList("eth0")));
        setup.apply();
        ops.byInterface.get("lo").remove(VIP);
        List<Check> changed = new ArrayList<>();

        setup.reverifyOnce((c, now) -> changed.addAll(c));

        assertThat(changed).extracting(Check::name).containsExactly("vip 10.0.0.10/32 on lo");
        assertThat(changed.get(0).ok()).isFalse();
        assertThat(ops.byInterface.get("lo")).doesNotContain(VIP);
    }

    @Test
    void autoOutwardInterfacesAreTheUpNonLoopbackOnesAndTheDefaultRouteOne() {
        host.file("route", "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n"
                + "eth1\t00000000\t0101A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
        RealServerSetup setup = setup(host.settings().vip(VIP).mode(NetworkMode.VERIFY));

        assertThat(names(setup.verify())).contains("sysctl net.ipv4.conf.all.arp_ignore",
                "sysctl net.ipv4.conf.eth0.arp_ignore", "sysctl net.ipv4.conf.eth1.arp_ignore")
                .doesNotContain("sysctl net.ipv4.conf.lo.arp_ignore");
    }

    @Test
    void tunWithoutTunl0TriesTheModuleAndReportsTheFix() {
        commands.failWith = "modprobe: FATAL: Module ipip not found";
        RealServerSetup setup = setup(host.settings().vip(VIP).forwarding(Forwarding.TUN).mode(NetworkMode.CONFIGURE));

        List<Check> checks = setup.apply();

        assertThat(commands.ran).contains("modprobe ipip");
        assertThat(checks).filteredOn(c -> c.name().equals("configure interface tunl0")).singleElement()
                .satisfies(c -> {
                    assertThat(c.actual()).contains("Module ipip not found");
                    assertThat(c.fix()).isEqualTo("modprobe ipip");
                });
        assertThat(checks).filteredOn(c -> c.name().equals("vip 10.0.0.10/32 on tunl0")).singleElement()
                .satisfies(c -> assertThat(c.ok()).isFalse());
        assertThat(host.sysctlValue("all", "rp_filter")).isEqualTo("0");
    }

    @Test
    void tunRelaxesRpFilterOnTunl0AndAll() {
        host.nic("tunl0", true, false).sysctl("all", "rp_filter", "1").sysctl("tunl0", "rp_filter", "2");
        ops.with("tunl0");
        RealServerSetup setup = setup(host.settings().vip(VIP).forwarding(Forwarding.TUN).mode(NetworkMode.CONFIGURE));

        assertThat(setup.apply()).allMatch(Check::ok);

        assertThat(ops.byInterface.get("tunl0")).containsExactly(VIP);
        assertThat(host.sysctlValue("all", "rp_filter")).isEqualTo("0");
        assertThat(host.sysctlValue("tunl0", "rp_filter")).as("2 (loose) is accepted as is").isEqualTo("2");
        assertThat(commands.ran).isEmpty();
    }

    @Test
    void tunSuppressesArpForTheVipLikeDr() {
        host.nic("tunl0", true, false);
        ops.with("tunl0");
        RealServerSetup setup = setup(host.settings().vip(VIP).forwarding(Forwarding.TUN).mode(NetworkMode.CONFIGURE));

        assertThat(setup.apply()).allMatch(Check::ok);

        assertThat(host.sysctlValue("all", "arp_ignore")).isEqualTo("1");
        assertThat(host.sysctlValue("all", "arp_announce")).isEqualTo("2");
        assertThat(host.sysctlValue("eth0", "arp_ignore")).isEqualTo("1");
        assertThat(host.sysctlValue("eth0", "arp_announce")).isEqualTo("2");
    }

    @Test
    void natChecksTheDefaultRouteGoesViaTheDirector() {
        host.file("route", "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n"
                + "eth0\t00000000\t0101A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
        List<Check> good = setup(host.settings().forwarding(Forwarding.NAT).mode(NetworkMode.CONFIGURE)
                .director(ip("192.168.1.1"))).apply();
        List<Check> bad = setup(host.settings().forwarding(Forwarding.NAT).mode(NetworkMode.CONFIGURE)
                .director(ip("192.168.1.9"))).apply();

        assertThat(good).singleElement().satisfies(c -> {
            assertThat(c.ok()).isTrue();
            assertThat(c.actual()).isEqualTo("via 192.168.1.1 dev eth0");
        });
        assertThat(bad).singleElement().satisfies(c -> {
            assertThat(c.ok()).isFalse();
            assertThat(c.fix()).isEqualTo("ip route replace default via 192.168.1.9");
        });
    }

    @Test
    void eachPassReadsAnInterfacesAddressesOnceHoweverManyVips() {
        RealServerSetup setup = setup(host.settings().vips(Arrays.asList(VIP, OPERATOR_VIP, ip("fd00::10")))
                .mode(NetworkMode.VERIFY).outwardInterfaces(Arrays.asList("eth0")));

        setup.verify();
        assertThat(ops.reads).isEqualTo(1);
        ops.byInterface.get("lo").remove(OPERATOR_VIP);

        assertThat(setup.verify()).filteredOn(c -> c.name().equals("vip 10.0.0.11/32 on lo")).singleElement()
                .satisfies(c -> assertThat(c.ok()).as("a new pass reads afresh").isFalse());
        assertThat(ops.reads).isEqualTo(2);
    }

    @Test
    void offModeDoesNothing() {
        RealServerSetup setup = setup(host.settings().vip(VIP).mode(NetworkMode.OFF));

        assertThat(setup.apply()).isEmpty();
        assertThat(ops.changes).isZero();
    }

    private RealServerSetup setup(RealServerSettings.Builder settings) {
        return new RealServerSetup(settings.build(), ops, commands);
    }

    private static List<String> names(List<Check> checks) {
        return checks.stream().map(Check::name).collect(Collectors.toList());
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
