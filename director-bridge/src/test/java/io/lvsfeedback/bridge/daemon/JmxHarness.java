package io.lvsfeedback.bridge.daemon;

import io.lvsfeedback.bridge.config.ConfigSource;
import io.lvsfeedback.bridge.engine.FakeIpvsTable;
import io.lvsfeedback.bridge.poll.TestAgentServer;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Not a test: the bridge's own start-up (config, MXBeans in the platform MBean server, cycles)
 * over an in-memory IPVS table, for a child JVM that is reached over remote JMX where the host has
 * no IPVS (secured JMX test, JConsole screenshot). Two agents on 127.0.0.1/127.0.0.2 answer; prints
 * {@code HARNESS-READY} and stops by itself after {@code args[0]} seconds.
 */
public final class JmxHarness {
    private JmxHarness() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        int agentPort;
        try (ServerSocket free = new ServerSocket(0)) {
            agentPort = free.getLocalPort();
        }
        SharedSecret secret = SharedSecret.of("jmx-harness-secret-0123456789");
        String web = "tcp:10.0.0.10:80";
        FakeIpvsTable table = new FakeIpvsTable().service(web, "wlc")
                .dest(web, "127.0.0.1:80", 100).dest(web, "127.0.0.2:80", 100);
        Path dir = Files.createTempDirectory("bridge-jmx-harness");
        Path key = Files.writeString(dir.resolve("key"), "jmx-harness-secret-0123456789\n");
        try (TestAgentServer a = TestAgentServer.start(InetAddress.getByName("127.0.0.1"), agentPort)
                     .reply(report(300, 0.4, 120), secret);
             TestAgentServer b = TestAgentServer.start(InetAddress.getByName("127.0.0.2"), agentPort)
                     .reply(report(100, 0.8, 80), secret);
             BridgeDaemon d = BridgeDaemon.start(new ConfigSource(null, Map.of("secret-file", key.toString(),
                     "agent-port", Integer.toString(agentPort), "http-port", "0", "blackout", "0s",
                     "state-file", "none")), table, false, ManagementFactory.getPlatformMBeanServer(), 0)) {
            System.out.println("HARNESS-READY bridge=" + d.name());
            Thread.sleep(seconds * 1000L); // the parent kills it sooner; this only bounds a forgotten one
        }
    }

    private static FeedbackReport report(double capacity, double util, double rps) {
        return FeedbackReport.builder().state(AdminState.READY).ports(List.of(80)).signal("capacity", capacity)
                .signal("util", util).signal("rps", rps).build();
    }
}
