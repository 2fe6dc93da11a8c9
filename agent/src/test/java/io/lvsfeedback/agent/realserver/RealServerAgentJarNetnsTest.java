package io.lvsfeedback.agent.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent jar configures a namespace with netlink loaded from its nested jars, while
 * the application's class loader sees no jnr-ffi or jffi class. Runs after packaging (tag "jar").
 */
@Tag("jar")
class RealServerAgentJarNetnsTest {
    @Test
    void theAgentJarLoadsNetlinkInItsOwnLoaderAndConfiguresTheVip() throws Exception {
        Path agentJar = Paths.get(System.getProperty("lvsfeedback.test.agentJar", "target/lvs-agent.jar"));
        assertThat(agentJar).as("the shaded agent jar (built in the package phase)").exists();
        Assumptions.assumeTrue(Netns.available(), "needs root and 'ip netns'");
        Path testClasses = Paths.get(NetnsProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(Files.isDirectory(testClasses)).isTrue();
        String classPath = agentJar + File.pathSeparator + testClasses;

        try (Netns ns = Netns.create()) {
            ns.sh("ip link set lo up && ip link add rs0 type veth peer name rs0p && ip link set rs0 up");
            try (ProbeProcess probe = ProbeProcess.start(ns.execPrefix(), classPath)) {
                probe.send("setup forwarding=dr mode=configure vips=10.0.0.40 out=rs0");

                assertThat(probe.send("loader")).containsExactly("LOADER\tlvsfeedback-isolated\tfalse\tfalse");

                List<Check> applied = ProbeProcess.checks("CHECK", probe.send("apply"));
                assertThat(applied).allSatisfy(c -> assertThat(c.ok()).as(c.toString()).isTrue());
                assertThat(ns.addresses("lo")).contains("10.0.0.40/32");
                assertThat(ns.sysctl("net.ipv4.conf.rs0.arp_ignore")).isEqualTo("1");

                probe.send("undo");
                assertThat(ns.addresses("lo")).doesNotContain("10.0.0.40");
                assertThat(ns.sysctl("net.ipv4.conf.rs0.arp_ignore")).isEqualTo("0");
                probe.send("quit");
            }
        }
    }
}
