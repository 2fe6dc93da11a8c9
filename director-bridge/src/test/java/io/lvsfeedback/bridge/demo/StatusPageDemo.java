package io.lvsfeedback.bridge.demo;

import io.lvsfeedback.bridge.config.ConfigSource;
import io.lvsfeedback.bridge.daemon.BridgeDaemon;
import io.lvsfeedback.bridge.engine.FakeIpvsTable;
import io.lvsfeedback.bridge.poll.TestAgentServer;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Not a test: runs the daemon for {@code args[0]} seconds over an in-memory IPVS table and agents
 * on 127.0.0.x, serving the status page on {@code args[1]} (for screenshots and manual checks).
 */
public final class StatusPageDemo {
    private StatusPageDemo() {}

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int httpPort = Integer.parseInt(args[1]);
        SharedSecret secret = SharedSecret.of("status-page-demo-secret-0123");
        String web = "tcp:10.0.0.10:80";
        String api = "tcp:10.0.0.10:8443";
        FakeIpvsTable table = new FakeIpvsTable().service(web, "wrr").service(api, "rr");
        List<TestAgentServer> agents = new ArrayList<>();
        double[] capacity = {420, 380, 150, 0, 0};
        AdminState[] states = {AdminState.READY, AdminState.READY, AdminState.READY, AdminState.DRAIN, AdminState.READY};
        for (int i = 0; i < 5; i++) {
            String ip = "127.0.0." + (11 + i);
            table.dest(web, ip + ":80", i == 2 ? 50 : 100);
            FeedbackReport.Builder b = FeedbackReport.builder().state(states[i]).ports(List.of(80, 8443))
                    .host("rs" + (i + 1)).signal("util", 0.3 + 0.1 * i);
            if (capacity[i] > 0) {
                b.signal("capacity", capacity[i]);
            }
            if (states[i] == AdminState.DRAIN) {
                b.weightPercent(0).reason("deploying 2.4.1");
            }
            if (i < 4) {
                agents.add(TestAgentServer.start(InetAddress.getByName(ip), 3333).reply(b.build(), secret));
            }
        }
        table.dest(api, "127.0.0.11:8443", 10).dest(api, "127.0.0.12:8443", 10);
        Path dir = Files.createTempDirectory("status-demo");
        Path key = Files.writeString(dir.resolve("key"), "status-page-demo-secret-0123\n");
        ConfigSource source = new ConfigSource(null, Map.of("secret-file", key.toString(), "blackout", "3s",
                "http-port", Integer.toString(httpPort), "max-step-percent", "20", "state-file", dir.resolve("state").toString()));
        try (BridgeDaemon d = BridgeDaemon.start(source, table, false, ManagementFactory.getPlatformMBeanServer(), 0)) {
            Thread.sleep(seconds * 1000L);
        } finally {
            for (TestAgentServer a : agents) {
                a.close();
            }
        }
    }
}
