package io.lvsfeedback.netlink.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lvsfeedback.netlink.AlreadyExistsException;
import io.lvsfeedback.netlink.DestinationNotFoundException;
import io.lvsfeedback.netlink.ServiceNotFoundException;
import io.lvsfeedback.testfixtures.ChildClassPath;
import io.lvsfeedback.testfixtures.Commands;
import io.lvsfeedback.testfixtures.IpvsadmListing;
import io.lvsfeedback.testfixtures.JoinedNamespace;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * IpvsClient against the lab's real IPVS kernel, in a namespace of its own whose dummy interface
 * makes the real-server subnets unicast-routable. Everything the client writes is read back by the
 * client and by ipvsadm. The client runs in this JVM (its socket is opened on a thread that joined
 * the namespace); only the no-CAP_NET_ADMIN check needs a child JVM.
 */
@Tag("kernel")
class IpvsClientKernelTest {
    private static JoinedNamespace namespace;
    private static IpvsClient client;

    @BeforeAll
    static void openClientInAThrowawayNamespace() {
        assertThat(Files.exists(Path.of("/proc/net/ip_vs")))
                .as("needs the lab's IPVS kernel (run with lab/kernel-tests netlink)").isTrue();
        namespace = JoinedNamespace.create("lvsfb-ipvs");
        namespace.ip("link", "add", "rs0", "type", "dummy");
        namespace.ip("addr", "add", "10.77.0.1/24", "dev", "rs0");
        namespace.ip("addr", "add", "10.78.0.1/16", "dev", "rs0");
        namespace.ip("-6", "addr", "add", "2001:db8:77::1/64", "dev", "rs0", "nodad");
        namespace.ip("link", "set", "rs0", "up");
        // The socket belongs to the namespace of the thread that opened it, whoever uses it later.
        client = namespace.call(IpvsClient::open);
    }

    @AfterAll
    static void closeAll() {
        if (client != null) {
            client.close();
        }
        if (namespace != null) {
            namespace.close();
        }
    }

    @AfterEach
    void clearTable() {
        namespace.exec("ipvsadm", "-C");
    }

    @Test
    void infoMatchesIpvsadmsHeader() {
        IpvsInfo info = client.info();
        assertThat(namespace.exec("ipvsadm", "-Ln")).startsWith(info.toString() + "\n");
        assertThat(info.version()).isEqualTo("1.2.1");
    }

    @Test
    void servicesAndDestinationsWrittenByTheClientReadBackThroughClientAndIpvsadm() throws Exception {
        Service web = Service.builder(ServiceKey.parse("tcp:10.77.0.100:80")).scheduler("wrr").build();
        Service dns6 = Service.builder(ServiceKey.parse("udp:[2001:db8:77::100]:53")).scheduler("sh").persistent(300).build();
        Service marked = Service.builder(ServiceKey.parse("fwm:5")).scheduler("rr").build();
        Service sctp = Service.builder(ServiceKey.parse("sctp:10.77.0.101:3868")).scheduler("wlc").build();
        for (Service service : List.of(web, dns6, marked, sctp)) {
            client.addService(service);
        }
        Destination direct = Destination.builder(addr("10.77.0.11"), 80).method(ForwardingMethod.DR).weight(3)
                .thresholds(100, 10).build();
        Destination nat = Destination.builder(addr("10.77.0.12"), 8080).method(ForwardingMethod.MASQ).weight(2).build();
        Destination gue = Destination.builder(addr("10.77.0.13"), 80).method(ForwardingMethod.TUNNEL).weight(1)
                .tunnel(TunnelType.GUE, 6080, 0).build();
        Destination ipip = Destination.builder(addr("10.77.0.14"), 80).method(ForwardingMethod.TUNNEL).weight(4).build();
        client.addDestination(web, direct);
        client.addDestination(web, nat);
        client.addDestination(web, gue);
        client.addDestination(web, ipip);
        client.addDestination(dns6, Destination.builder(addr("2001:db8:77::11"), 53).weight(7).build());
        client.addDestination(marked, Destination.builder(addr("10.77.0.21"), 0).weight(1).build());
        client.addDestination(sctp, Destination.builder(addr("10.77.0.31"), 3868).method(ForwardingMethod.MASQ).weight(5).build());

        // Read back by the client.
        assertThat(client.services()).extracting(Service::toString)
                .containsExactlyInAnyOrder("tcp:10.77.0.100:80", "udp:[2001:db8:77::100]:53", "fwm:5", "sctp:10.77.0.101:3868");
        Service readDns = client.service(dns6.key());
        assertThat(readDns.scheduler()).isEqualTo("sh");
        assertThat(readDns.isPersistent()).isTrue();
        assertThat(readDns.timeoutSeconds()).isEqualTo(300);
        assertThat(readDns.netmask()).isEqualTo(128);
        List<Destination> webDests = client.destinations(web);
        assertThat(webDests).extracting(Destination::toString).containsExactlyInAnyOrder(
                "10.77.0.11:80 DR weight 3", "10.77.0.12:8080 MASQ weight 2",
                "10.77.0.13:80 TUNNEL weight 1", "10.77.0.14:80 TUNNEL weight 4");
        Destination readDirect = find(webDests, "10.77.0.11");
        assertThat(readDirect.upperThreshold()).isEqualTo(100);
        assertThat(readDirect.lowerThreshold()).isEqualTo(10);
        Destination readGue = find(webDests, "10.77.0.13");
        assertThat(readGue.tunnelType()).isEqualTo(TunnelType.GUE);
        assertThat(readGue.tunnelPort()).isEqualTo(6080);
        assertThat(find(webDests, "10.77.0.14").tunnelType()).isEqualTo(TunnelType.IPIP);
        assertThat(client.destinations(dns6)).extracting(Destination::toString).containsExactly("[2001:db8:77::11]:53 DR weight 7");
        assertThat(client.destinations(marked)).extracting(Destination::toString).containsExactly("10.77.0.21:0 DR weight 1");

        // Read back by ipvsadm, an independent client.
        Map<String, List<String>> listing = IpvsadmListing.parse(namespace.exec("ipvsadm", "-Ln")).lines();
        assertThat(listing).containsOnlyKeys("TCP 10.77.0.100:80 wrr", "UDP [2001:db8:77::100]:53 sh persistent 300",
                "FWM 5 rr", "SCTP 10.77.0.101:3868 wlc");
        assertThat(listing.get("TCP 10.77.0.100:80 wrr")).containsExactlyInAnyOrder(
                "-> 10.77.0.11:80 Route 3 0 0", "-> 10.77.0.12:8080 Masq 2 0 0",
                "-> 10.77.0.13:80 Tunnel 1 0 0", "-> 10.77.0.14:80 Tunnel 4 0 0");
        assertThat(listing.get("UDP [2001:db8:77::100]:53 sh persistent 300")).containsExactly("-> [2001:db8:77::11]:53 Route 7 0 0");
        assertThat(listing.get("FWM 5 rr")).containsExactly("-> 10.77.0.21:0 Route 1 0 0");
        assertThat(listing.get("SCTP 10.77.0.101:3868 wlc")).containsExactly("-> 10.77.0.31:3868 Masq 5 0 0");
        assertThat(IpvsadmListing.parse(namespace.exec("ipvsadm", "-Ln", "--thresholds")).lines().get("TCP 10.77.0.100:80 wrr"))
                .contains("-> 10.77.0.11:80 100 10 0 0");
        assertThat(IpvsadmListing.parse(namespace.exec("ipvsadm", "-Ln", "--tun-info")).lines().get("TCP 10.77.0.100:80 wrr"))
                .contains("-> 10.77.0.13:80 Tunnel gue:6080:-c 1 0 0");

        // Removal, read back by both.
        client.removeDestination(web, new InetSocketAddress(addr("10.77.0.12"), 8080));
        client.removeService(sctp);
        assertThat(client.destinations(web)).extracting(d -> d.address().getHostAddress()).doesNotContain("10.77.0.12");
        Map<String, List<String>> after = IpvsadmListing.parse(namespace.exec("ipvsadm", "-Ln")).lines();
        assertThat(after).doesNotContainKey("SCTP 10.77.0.101:3868 wlc");
        assertThat(after.get("TCP 10.77.0.100:80 wrr")).hasSize(3).noneMatch(line -> line.contains("10.77.0.12"));
    }

    @Test
    void aWeightChangeKeepsThresholdsAndTunnelSettings() throws Exception {
        Service web = Service.builder(ServiceKey.parse("tcp:10.77.0.100:80")).scheduler("wrr").build();
        client.addService(web);
        client.addDestination(web, Destination.builder(addr("10.77.0.11"), 80).weight(3).thresholds(100, 10).build());
        client.addDestination(web, Destination.builder(addr("10.77.0.13"), 80).method(ForwardingMethod.TUNNEL)
                .weight(1).thresholds(50, 5).tunnel(TunnelType.GUE, 6080, 0).build());
        List<Destination> before = client.destinations(web);

        client.setWeight(web, find(before, "10.77.0.11"), 9);
        client.setWeight(web, find(before, "10.77.0.13"), 0);

        List<Destination> after = client.destinations(web);
        Destination direct = find(after, "10.77.0.11");
        assertThat(direct.weight()).isEqualTo(9);
        assertThat(direct.method()).isEqualTo(ForwardingMethod.DR);
        assertThat(direct.upperThreshold()).isEqualTo(100);
        assertThat(direct.lowerThreshold()).isEqualTo(10);
        Destination tunnel = find(after, "10.77.0.13");
        assertThat(tunnel.weight()).isZero();
        assertThat(tunnel.method()).isEqualTo(ForwardingMethod.TUNNEL);
        assertThat(tunnel.tunnelType()).isEqualTo(TunnelType.GUE);
        assertThat(tunnel.tunnelPort()).isEqualTo(6080);
        assertThat(tunnel.upperThreshold()).isEqualTo(50);
        assertThat(tunnel.lowerThreshold()).isEqualTo(5);
        assertThat(IpvsadmListing.parse(namespace.exec("ipvsadm", "-Ln", "--thresholds")).lines().get("TCP 10.77.0.100:80 wrr"))
                .containsExactlyInAnyOrder("-> 10.77.0.11:80 100 10 0 0", "-> 10.77.0.13:80 50 5 0 0");
        assertThat(IpvsadmListing.parse(namespace.exec("ipvsadm", "-Ln", "--tun-info")).lines().get("TCP 10.77.0.100:80 wrr"))
                .containsExactlyInAnyOrder("-> 10.77.0.11:80 Route n/a 9 0 0", "-> 10.77.0.13:80 Tunnel gue:6080:-c 0 0 0");
    }

    @Test
    void aBatchAppliesEveryGoodChangeAndReportsTheBadOne() throws Exception {
        Service web = Service.builder(ServiceKey.parse("tcp:10.77.0.100:80")).scheduler("wrr").build();
        client.addService(web);
        Destination a = Destination.builder(addr("10.77.0.11"), 80).weight(1).build();
        Destination b = Destination.builder(addr("10.77.0.12"), 80).weight(1).build();
        Destination ghost = Destination.builder(addr("10.77.0.99"), 80).weight(1).build();
        client.addDestination(web, a);
        client.addDestination(web, b);
        Service ghostService = Service.builder(ServiceKey.parse("tcp:10.77.0.200:80")).build();

        List<WeightResult> results = client.applyWeights(List.of(new WeightChange(web, a, 10),
                new WeightChange(web, ghost, 5), new WeightChange(ghostService, a, 5), new WeightChange(web, b, 20)));

        assertThat(results).extracting(WeightResult::succeeded).containsExactly(true, false, false, true);
        assertThat(results.get(1).error()).isInstanceOf(DestinationNotFoundException.class)
                .hasMessage("destination not found: 10.77.0.99:80 in tcp:10.77.0.100:80");
        assertThat(results.get(2).error()).isInstanceOf(ServiceNotFoundException.class)
                .hasMessage("service not found: tcp:10.77.0.200:80");
        assertThat(IpvsadmListing.parse(namespace.exec("ipvsadm", "-Ln")).lines().get("TCP 10.77.0.100:80 wrr"))
                .containsExactlyInAnyOrder("-> 10.77.0.11:80 Route 10 0 0", "-> 10.77.0.12:80 Route 20 0 0");
    }

    @Test
    void errorsForUnknownAndDuplicateObjectsAreTheDocumentedExceptions() throws Exception {
        Service web = Service.builder(ServiceKey.parse("tcp:10.77.0.100:80")).build();
        Service unknown = Service.builder(ServiceKey.parse("udp:10.77.0.250:53")).build();
        Destination dest = Destination.builder(addr("10.77.0.11"), 80).build();
        client.addService(web);
        client.addDestination(web, dest);

        assertThatThrownBy(() -> client.service(unknown.key())).isInstanceOf(ServiceNotFoundException.class)
                .hasMessage("service not found: udp:10.77.0.250:53");
        assertThatThrownBy(() -> client.destinations(unknown)).isInstanceOf(ServiceNotFoundException.class);
        assertThatThrownBy(() -> client.setWeight(unknown, dest, 2)).isInstanceOf(ServiceNotFoundException.class);
        assertThatThrownBy(() -> client.removeService(unknown)).isInstanceOf(ServiceNotFoundException.class);
        Destination missing = Destination.builder(addr("10.77.0.99"), 80).build();
        assertThatThrownBy(() -> client.setWeight(web, missing, 2)).isInstanceOf(DestinationNotFoundException.class)
                .hasMessage("destination not found: 10.77.0.99:80 in tcp:10.77.0.100:80");
        assertThatThrownBy(() -> client.removeDestination(web, missing.endpoint()))
                .isInstanceOf(DestinationNotFoundException.class);
        assertThatThrownBy(() -> client.addService(web)).isInstanceOf(AlreadyExistsException.class)
                .hasMessage("service already exists: tcp:10.77.0.100:80");
        assertThatThrownBy(() -> client.addDestination(web, dest)).isInstanceOf(AlreadyExistsException.class);
        assertThat(client.destinations(web)).hasSize(1);
    }

    @Test
    void withoutCapNetAdminTheClientReportsPermissionDenied() {
        Commands.Result result = Commands.exec(List.of("ip", "netns", "exec", namespace.name(),
                "setpriv", "--bounding-set=-net_admin", "--inh-caps=-all",
                // C1 and serial GC, the lab's JVM options (see IpvsCliKernelTest: G1/C2 JVMs crashed under TCG).
                ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", ChildClassPath.of(IpvsProbe.class),
                IpvsProbe.class.getName()), 300);
        assertThat(result.output).contains("ERR PermissionDeniedException 1 permission denied: needs CAP_NET_ADMIN");
    }

    @Test
    void batchOfAThousandWeightsIsAppliedAndMeasured() throws Exception {
        Service big = Service.builder(ServiceKey.parse("tcp:10.77.0.100:8000")).scheduler("wrr").build();
        client.addService(big);
        List<Destination> destinations = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Destination d = Destination.builder(addr("10.78." + (i / 250 + 1) + "." + (i % 250 + 1)), 8000).weight(1).build();
            destinations.add(d);
            client.addDestination(big, d);
        }
        // Warm-up (the lab's JVM is interpreted under TCG for a while): one untimed batch.
        assertThat(client.applyWeights(changes(big, destinations, 0))).allMatch(WeightResult::succeeded);

        // Three timed rounds (the emulated guest shares 2 host cores with other work: report each).
        List<Long> batchMillis = new ArrayList<>();
        for (int round = 3; round >= 1; round--) {
            long start = System.nanoTime();
            List<WeightResult> results = client.applyWeights(changes(big, destinations, 2 * round));
            batchMillis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(results).allMatch(WeightResult::succeeded);
        }

        long singleStart = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            client.setWeight(big, destinations.get(i), 1);
        }
        long singleMicros = (System.nanoTime() - singleStart) / 1000;

        Map<Integer, Long> byWeight = client.destinations(big).stream()
                .collect(Collectors.groupingBy(Destination::weight, Collectors.counting()));
        assertThat(byWeight.get(1)).isEqualTo(200);
        assertThat(byWeight.get(101)).as("i %% 100 == 99 for i in 200..999").isEqualTo(8);
        List<String> listed = IpvsadmListing.parse(namespace.exec("ipvsadm", "-Ln")).lines().get("TCP 10.77.0.100:8000 wrr");
        assertThat(listed).hasSize(1000).contains("-> 10.78.4.250:8000 Route 101 0 0", "-> 10.78.1.1:8000 Route 1 0 0");

        // The same 1000 edits through one ipvsadm -R process, for comparison.
        StringBuilder edits = new StringBuilder();
        for (Destination d : destinations) {
            edits.append("-e -t 10.77.0.100:8000 -r ").append(d.address().getHostAddress()).append(":8000 -g -w 7\n");
        }
        Path restore = Files.createTempFile("ipvsadm-restore", ".txt");
        Files.writeString(restore, edits.toString());
        long restoreStart = System.nanoTime();
        namespace.exec("bash", "-c", "ipvsadm -R < " + restore);
        long restoreMillis = (System.nanoTime() - restoreStart) / 1_000_000;
        Files.delete(restore);
        assertThat(client.destinations(big)).allMatch(d -> d.weight() == 7);

        String measurement = String.format("IPVS weights (1000 destinations in one service): applyWeights of 1000 in %s ms (3 rounds);"
                + " 200 single setWeight in %d ms (%d us each); ipvsadm -R of 1000 edits in %d ms",
                batchMillis, singleMicros / 1000, singleMicros / 200, restoreMillis);
        System.out.println(measurement);
        String resultsDir = System.getenv("LAB_RESULTS");
        if (resultsDir != null) {
            Files.writeString(Path.of(resultsDir, "netlink-weights-measurement.txt"), measurement + "\n");
        }
    }

    private static List<WeightChange> changes(Service service, List<Destination> destinations, int base) {
        List<WeightChange> changes = new ArrayList<>();
        for (int i = 0; i < destinations.size(); i++) {
            changes.add(new WeightChange(service, destinations.get(i), base + i % 100));
        }
        return changes;
    }

    private static Destination find(List<Destination> destinations, String address) {
        return destinations.stream().filter(d -> d.address().getHostAddress().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError(address + " not among " + destinations));
    }

    private static InetAddress addr(String literal) {
        return AddressLiterals.parseAddress(literal);
    }
}
