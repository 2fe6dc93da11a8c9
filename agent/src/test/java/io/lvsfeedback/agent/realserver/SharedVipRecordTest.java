package io.lvsfeedback.agent.realserver;

import static io.lvsfeedback.agent.realserver.RealServerSetupTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins issue 13 item 3: with several agent JVMs sharing a VIP on one host, the first to stop
 * removed the VIP and restored arp_ignore while the others still served. The record (files in a
 * temp dir here; "other JVMs" are records with other pids, whose locks this JVM cannot take).
 */
class SharedVipRecordTest {
    private static final InetAddress VIP = ip("10.0.0.10");
    private static final InetAddress OTHER_VIP = ip("10.0.0.20");
    private static final String NAMESPACE = "net-4026532001";

    @TempDir
    Path tmp;

    private Path shared;
    private FakeHost host;
    private FakeAddressOps ops;

    @BeforeEach
    void host() throws Exception {
        shared = tmp.resolve("run");
        Path root = Files.createDirectories(tmp.resolve("host"));
        host = new FakeHost(root).nic("lo", true, true).nic("eth0", true, false);
        ops = new FakeAddressOps().with("lo", ip("127.0.0.1")).with("eth0", ip("192.168.1.5"));
    }

    @Test
    void usersOfAVipAreCountedUntilTheyLeave() throws Exception {
        HostUseRecord first = record(101);
        HostUseRecord second = record(102);
        first.join(List.of(VIP));
        second.join(List.of(VIP, OTHER_VIP));

        assertThat(first.otherUsers(VIP)).isEqualTo(1);
        assertThat(first.otherUsers(OTHER_VIP)).isEqualTo(1);
        assertThat(second.otherUsers(OTHER_VIP)).isZero();
        assertThat(first.otherUsers()).isEqualTo(2);

        second.close();
        assertThat(first.otherUsers(VIP)).isZero();
        assertThat(first.otherUsers()).isZero();
        first.close();
        assertThat(list(first.directory())).noneMatch(name -> name.startsWith("user-"));
    }

    @Test
    void aUserFileNobodyHoldsIsACrashedJvmAndIsCleanedAway() throws Exception {
        HostUseRecord live = record(101);
        live.join(List.of(VIP));
        Path crashed = Files.createFile(live.directory().resolve("user-10.0.0.10.999")); // its lock died with it

        assertThat(live.otherUsers(VIP)).isZero();
        assertThat(crashed).doesNotExist();
    }

    @Test
    void theFirstReplacedValueIsKeptAndOnlyANumberIsGivenBack() throws Exception {
        HostUseRecord record = record(101);
        SysctlKey key = SysctlKey.ipv4Conf("eth0.100", "arp_ignore");

        record.rememberOriginal(key, "0");
        record.rememberOriginal(key, "1"); // a later agent saw the first agent's value
        assertThat(record.original(key)).contains("0");
        record.forgetOriginal(key);
        assertThat(record.original(key)).isEmpty();

        record.rememberOriginal(key, "0; reboot");
        assertThat(record.original(key)).isEmpty();
        Files.writeString(record.directory().resolve("original-net.ipv4.conf.eth0%100.arp_ignore"), "1\n; rm -rf /");
        assertThat(record.original(key)).as("planted text is not written to the kernel").isEmpty();
    }

    @Test
    void aPlantedSpecialOrHugeFileIsNoValueAndNeverBlocks() throws Exception {
        HostUseRecord record = record(102);
        SysctlKey key = SysctlKey.ipv4Conf("all", "arp_ignore");
        java.nio.file.Path file = record.directory().resolve("original-net.ipv4.conf.all.arp_ignore");
        Files.createSymbolicLink(file, java.nio.file.Path.of("/dev/zero"));
        assertThat(record.original(key)).as("/dev/zero").isEmpty();
        Files.delete(file);
        new ProcessBuilder("mkfifo", file.toString()).start().waitFor();
        assertThat(record.original(key)).as("a FIFO nobody writes").isEmpty();
        Files.delete(file);
        Files.write(file, new byte[1 << 20]);
        assertThat(record.original(key)).as("1 MiB").isEmpty();
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsAClearError() throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "x");

        assertThatThrownBy(() -> HostUseRecord.open(notADirectory.resolve("run"), NAMESPACE, 1))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining(notADirectory.resolve("run").resolve(NAMESPACE).toString())
                .hasMessageContaining("the first to stop removes VIPs")
                .hasMessageContaining("shared-dir=");
    }

    @Test
    void theNamespaceKeyIsTheInodeOfThisThreadsNetworkNamespace() throws Exception {
        String link = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();

        assertThat(HostUseRecord.namespaceKey()).isEqualTo("net-" + link.replaceAll("[^0-9]", ""));
    }

    @Test
    void theFirstToStopKeepsTheVipAndSysctlsAndTheLastRestoresThem() throws Exception {
        RealServerSetup first = setup(101);
        RealServerSetup second = setup(102);
        assertThat(first.apply()).allMatch(Check::ok);
        assertThat(second.apply()).allMatch(Check::ok);
        assertThat(ops.changes).as("only the first added the VIP").isEqualTo(1);

        List<Check> firstUndo = first.undo();

        assertThat(ops.byInterface.get("lo")).contains(VIP);
        assertThat(host.sysctlValue("all", "arp_ignore")).isEqualTo("1");
        assertThat(host.sysctlValue("eth0", "arp_announce")).isEqualTo("2");
        assertThat(firstUndo).isNotEmpty().allSatisfy(c -> assertThat(c.actual()).startsWith("kept: 1 other agent JVM"));

        second.undo();

        assertThat(ops.byInterface.get("lo")).doesNotContain(VIP);
        assertThat(host.sysctlValue("all", "arp_ignore")).isEqualTo("0");
        assertThat(host.sysctlValue("eth0", "arp_ignore")).isEqualTo("0");
        assertThat(host.sysctlValue("eth0", "arp_announce")).isEqualTo("0");
        assertThat(list(record(1).directory())).as("nothing left in the record").isEmpty();
    }

    @Test
    void afterTheOtherJvmCrashedTheSurvivorCleansUpWhatItLeft() throws Exception {
        HostUseRecord crashing = record(999);
        RealServerSetup configuredFirst = new RealServerSetup(settings().mode(NetworkMode.CONFIGURE).build(), ops,
                new FakeCommands(), crashing);
        RealServerSetup survivor = setup(102);
        assertThat(configuredFirst.apply()).allMatch(Check::ok);
        assertThat(survivor.apply()).allMatch(Check::ok);
        crashing.dropLocksAsACrashWould(); // kill -9: no undo, its user file stays behind unlocked

        survivor.undo();

        assertThat(ops.byInterface.get("lo")).doesNotContain(VIP);
        assertThat(host.sysctlValue("all", "arp_ignore")).isEqualTo("0");
        assertThat(host.sysctlValue("eth0", "arp_announce")).isEqualTo("0");
        assertThat(list(crashing.directory())).isEmpty();
    }

    @Test
    void theFirstLiveUserForgetsWhatDeadUsersNoted() throws Exception {
        // Notes of a namespace whose agents all died; a new namespace may have the same inode.
        HostUseRecord dead = record(999);
        dead.markAdded(VIP);
        dead.rememberOriginal(SysctlKey.ipv4Conf("all", "arp_announce"), "0");
        Files.createFile(dead.directory().resolve("user-10.0.0.10.999"));
        ops.byInterface.get("lo").add(VIP);
        host.sysctl("all", "arp_announce", "2"); // the operator's
        RealServerSetup only = setup(101);
        only.apply();

        only.undo();

        assertThat(ops.byInterface.get("lo")).contains(VIP);
        assertThat(host.sysctlValue("all", "arp_announce")).isEqualTo("2");
    }

    @Test
    void aVipTheOperatorAddedIsNeverRemovedEvenByTheLastAgent() throws Exception {
        ops.byInterface.get("lo").add(VIP);
        RealServerSetup only = setup(101);
        only.apply();

        only.undo();

        assertThat(ops.byInterface.get("lo")).contains(VIP);
    }

    @Test
    void aVerifyingAgentNeverUndoesWhatAConfiguringOneLeft() throws Exception {
        RealServerSetup configuring = setup(101);
        configuring.apply();
        RealServerSetup verifying = new RealServerSetup(settings().mode(NetworkMode.VERIFY).build(), ops,
                new FakeCommands(), HostUseRecord.open(shared, NAMESPACE, 102));
        verifying.apply();
        configuring.undo();

        verifying.undo();

        assertThat(ops.byInterface.get("lo")).contains(VIP);
        assertThat(host.sysctlValue("all", "arp_ignore")).isEqualTo("1");
    }

    private RealServerSetup setup(long pid) throws EnvironmentException {
        return new RealServerSetup(settings().mode(NetworkMode.CONFIGURE).build(), ops, new FakeCommands(), record(pid));
    }

    private RealServerSettings.Builder settings() {
        return host.settings().vip(VIP).forwarding(Forwarding.DR).outwardInterfaces(Arrays.asList("eth0"))
                .sharedDir(shared);
    }

    private HostUseRecord record(long pid) throws EnvironmentException {
        return HostUseRecord.open(shared, NAMESPACE, pid);
    }

    private static List<String> list(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".lock")).collect(java.util.stream.Collectors.toList());
        }
    }
}
