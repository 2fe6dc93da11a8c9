package io.lvsfeedback.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pins issue 13 item 3: several application JVMs with the agent sharing a VIP in one network
 * namespace (one the test creates) keep it until the last one stops. Before the host-wide record,
 * the first JVM to stop removed the VIP from lo and put arp_ignore/arp_announce back to 0 while
 * the others still served. Real JVMs, real kernel (host network namespace), default shared-dir.
 */
@Tag("jar")
class SharedVipNetnsTest {
    private static final String VIP = "10.201.0.1";
    private static final String ARGS = "bind=127.0.0.1,port=0,vip=" + VIP
            + ",forwarding=dr,network=configure,interfaces=rs0,drain-timeout=0s,jmx=off";

    private String ns;
    private final List<ChildJvm> jvms = new ArrayList<>();

    @BeforeEach
    void namespace() throws Exception {
        Assumptions.assumeTrue(Files.isWritable(Paths.get("/run")) && canRun("ip", "netns", "list"),
                "needs root and 'ip netns'");
        ns = "lvsvip" + ProcessHandle.current().pid();
        run("ip", "netns", "add", ns);
        inNs("ip", "link", "set", "lo", "up");
        inNs("ip", "link", "add", "rs0", "type", "veth", "peer", "name", "rs0p");
        inNs("ip", "link", "set", "rs0", "up");
    }

    @AfterEach
    void cleanUp() throws Exception {
        jvms.forEach(ChildJvm::close);
        if (ns != null) {
            Path record = recordDir();
            run("ip", "netns", "delete", ns);
            deleteTree(record);
        }
    }

    @Test
    void twoJvmsTheFirstToStopLeavesTheVipAndSysctlsTheLastRestoresThem() throws Exception {
        ChildJvm first = startAgent("vip-a");
        ChildJvm second = startAgent("vip-b");
        assertConfigured();

        first.stop(Duration.ofSeconds(60)); // SIGTERM: the shutdown hook drains and undoes
        assertConfigured();

        second.stop(Duration.ofSeconds(60)); // SIGTERM: the shutdown hook drains and undoes
        assertRestored();
    }

    @Test
    void threeJvmsOneKilledWithSignal9TheLastStopCleansUp() throws Exception {
        ChildJvm first = startAgent("vip-1");
        ChildJvm killed = startAgent("vip-2");
        ChildJvm last = startAgent("vip-3");
        assertConfigured();

        first.stop(Duration.ofSeconds(60)); // SIGTERM: the shutdown hook drains and undoes
        assertConfigured();
        killed.process().destroyForcibly(); // SIGKILL: no shutdown hook, its user file stays behind unlocked
        assertThat(killed.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertConfigured();

        last.stop(Duration.ofSeconds(60)); // SIGTERM: the shutdown hook drains and undoes
        assertRestored();
        try (Stream<Path> files = Files.list(recordDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("user-"));
        }
    }

    private ChildJvm startAgent(String name) throws IOException {
        ChildJvm jvm = ChildJvm.start(name, List.of("ip", "netns", "exec", ns), ChildJvm.defaultJava(),
                List.of("-Djava.io.tmpdir=/tmp"), ARGS, false);
        jvms.add(jvm);
        jvm.awaitApp();
        jvm.awaitAgent();
        return jvm;
    }

    private void assertConfigured() throws Exception {
        assertThat(inNs("ip", "-o", "addr", "show", "dev", "lo")).contains(VIP + "/32");
        assertThat(sysctl("net.ipv4.conf.all.arp_ignore")).isEqualTo("1");
        assertThat(sysctl("net.ipv4.conf.rs0.arp_ignore")).isEqualTo("1");
        assertThat(sysctl("net.ipv4.conf.rs0.arp_announce")).isEqualTo("2");
    }

    private void assertRestored() throws Exception {
        assertThat(inNs("ip", "-o", "addr", "show", "dev", "lo")).doesNotContain(VIP);
        assertThat(sysctl("net.ipv4.conf.all.arp_ignore")).isEqualTo("0");
        assertThat(sysctl("net.ipv4.conf.rs0.arp_ignore")).isEqualTo("0");
        assertThat(sysctl("net.ipv4.conf.all.arp_announce")).isEqualTo("0");
        assertThat(sysctl("net.ipv4.conf.rs0.arp_announce")).isEqualTo("0");
    }

    /** The agents' record of this namespace under the default shared-dir. */
    private Path recordDir() throws Exception {
        String inode = run("stat", "-L", "-c", "%i", "/run/netns/" + ns).trim();
        return Paths.get("/run/lvs-feedback", "net-" + inode);
    }

    private String sysctl(String key) throws Exception {
        return inNs("sysctl", "-n", key).trim();
    }

    private String inNs(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return run(full.toArray(new String[0]));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean canRun(String... cmd) {
        try {
            run(cmd);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
