package io.lvsfeedback.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.testfixtures.Commands.Result;
import io.lvsfeedback.testfixtures.Commands;
import io.lvsfeedback.testfixtures.NetworkNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar's {@code ipvs list} and {@code ipvs set-weight} against the lab's IPVS kernel, in a
 * throwaway namespace: the listing must be byte for byte what ipvsadm -Ln prints for the same table.
 * Four JVM launches in all (the lab is slow to start a JVM).
 */
@Tag("kernel")
class IpvsCliKernelTest {
    private static NetworkNamespace namespace;
    private static final Path JAR = Path.of("target", "director-bridge.jar");

    @BeforeAll
    static void tableMadeByIpvsadm() {
        assertThat(Files.exists(Path.of("/proc/net/ip_vs"))).as("needs the lab's IPVS kernel").isTrue();
        assertThat(JAR).as("build the shaded jar first (mvn install)").exists();
        namespace = NetworkNamespace.create("lvsfb-cli");
        inNamespace("ip", "link", "add", "rs0", "type", "dummy");
        inNamespace("ip", "addr", "add", "10.77.0.1/24", "dev", "rs0");
        inNamespace("ip", "-6", "addr", "add", "2001:db8:77::1/64", "dev", "rs0", "nodad");
        inNamespace("ip", "link", "set", "rs0", "up");
        inNamespace("ipvsadm", "-A", "-t", "10.77.0.100:80", "-s", "wrr");
        inNamespace("ipvsadm", "-a", "-t", "10.77.0.100:80", "-r", "10.77.0.11:80", "-g", "-w", "3", "-x", "100", "-y", "10");
        inNamespace("ipvsadm", "-a", "-t", "10.77.0.100:80", "-r", "10.77.0.12:8080", "-m", "-w", "2");
        inNamespace("ipvsadm", "-a", "-t", "10.77.0.100:80", "-r", "10.77.0.13:80", "-i", "--tun-type", "gue",
                "--tun-port", "6080", "-w", "1");
        inNamespace("ipvsadm", "-A", "-u", "[2001:db8:77::100]:53", "-s", "sh", "-p", "300");
        inNamespace("ipvsadm", "-a", "-u", "[2001:db8:77::100]:53", "-r", "[2001:db8:77::11]:53", "-g", "-w", "7");
        inNamespace("ipvsadm", "-A", "-f", "5", "-s", "rr");
        inNamespace("ipvsadm", "-a", "-f", "5", "-r", "10.77.0.21", "-g", "-w", "1");
        inNamespace("ipvsadm", "-A", "--sctp-service", "10.77.0.101:3868", "-s", "wlc", "-p", "60", "-M", "255.255.255.0");
    }

    @AfterAll
    static void deleteNamespace() {
        if (namespace != null) {
            namespace.close();
        }
    }

    @Test
    void listPrintsWhatIpvsadmPrintsAndJsonCarriesTheDetails() {
        Result list = bridge("ipvs", "list");
        assertThat(list.status).as(list.output).isZero();
        assertThat(list.output).isEqualTo(inNamespace("ipvsadm", "-Ln"));

        Result json = bridge("ipvs", "list", "--json");
        assertThat(json.status).as(json.output).isZero();
        assertThat(json.output).startsWith("{\"version\":\"1.2.1\"")
                .contains("\"key\":\"tcp:10.77.0.100:80\"", "\"key\":\"udp:[2001:db8:77::100]:53\"", "\"key\":\"fwm:5\"",
                        "\"key\":\"sctp:10.77.0.101:3868\"")
                .contains("{\"address\":\"10.77.0.11\",\"port\":80,\"forward\":\"DR\",\"weight\":3,\"upperThreshold\":100,\"lowerThreshold\":10")
                .contains("\"forward\":\"TUNNEL\",\"weight\":1,\"upperThreshold\":0,\"lowerThreshold\":0,\"tunnelType\":\"GUE\",\"tunnelPort\":6080")
                .contains("{\"address\":\"2001:db8:77::11\",\"port\":53,\"forward\":\"DR\",\"weight\":7");
    }

    @Test
    void setWeightChangesOneWeightKeepsThresholdsAndReportsUnknownDestinations() {
        Result set = bridge("ipvs", "set-weight", "tcp:10.77.0.100:80", "10.77.0.11:80", "9");
        assertThat(set.output).isEqualTo("tcp:10.77.0.100:80 10.77.0.11:80 weight 3 -> 9\n");
        assertThat(set.status).isZero();
        String thresholds = inNamespace("ipvsadm", "-Ln", "--thresholds").replaceAll(" +", " ");
        assertThat(thresholds).contains("-> 10.77.0.11:80 100 10 0 0");
        assertThat(inNamespace("ipvsadm", "-Ln").replaceAll(" +", " ")).contains("-> 10.77.0.11:80 Route 9 0 0");

        Result missing = bridge("ipvs", "set-weight", "udp:[2001:db8:77::100]:53", "[2001:db8:77::99]:53", "4");
        assertThat(missing.status).isEqualTo(1);
        assertThat(missing.output).isEqualTo(
                "ipvs set-weight: destination not found: [2001:db8:77::99]:53 in udp:[2001:db8:77::100]:53\n");
    }

    private static Result bridge(String... args) {
        // The lab's JVM options (C1 only, serial GC, as lab/kernel-tests and the demo use): under
        // QEMU/TCG, default-option JVMs (G1, C2) crashed now and then with SIGSEGV in JIT-compiled
        // code (3 times on 2026-11-26, OpenJDK 17.0.21); the C1/serial JVMs never did.
        List<String> command = namespace.execPrefix();
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return Commands.exec(command, 300);
    }

    private static String inNamespace(String... args) {
        return namespace.exec(args);
    }
}
