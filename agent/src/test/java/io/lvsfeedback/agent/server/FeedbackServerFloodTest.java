package io.lvsfeedback.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.agent.config.AgentConfig;
import io.lvsfeedback.agent.config.ConfigLoader;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.ReportClient;
import io.lvsfeedback.model.protocol.VerifiedReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The feedback port under attack (issue 13): idle and slow connections by the hundred must not keep
 * a bridge's polls from being answered. Polls use the bridge's default 800 ms timeout; a poll may
 * miss only when this shared test machine stalls, hence "at least 19 of 20".
 */
class FeedbackServerFloodTest {
    static final int POLLS = 20;
    static final int POLL_TIMEOUT_MS = 800;
    final FeedbackReport report = FeedbackReport.builder().state(AdminState.DRAIN).weightPercent(0).build();
    final List<Socket> attackers = new CopyOnWriteArrayList<>();
    final AtomicBoolean attacking = new AtomicBoolean(true);
    Thread steadyFlood;
    FeedbackServer server;

    @AfterEach
    void stop() throws Exception {
        attacking.set(false);
        if (steadyFlood != null) {
            steadyFlood.join(5000);
        }
        for (Socket s : attackers) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The agent's own default, as a real deployment has it. */
    static int defaultMaxConnections() {
        return Integer.parseInt(ConfigLoader.defaults().get(AgentConfig.Keys.MAX_CONNECTIONS));
    }

    InetSocketAddress agent() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
    }

    /** A connection that says nothing (or starts a request and stalls), from 127.0.0.2 unlike the bridge. */
    Socket attacker(byte[] firstBytes) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        s.connect(agent(), 5000);
        s.getOutputStream().write(firstBytes);
        attackers.add(s);
        return s;
    }

    /** Keeps opening idle connections, about 50 a second, until the test ends. */
    void startSteadyFlood() {
        steadyFlood = new Thread(() -> {
            while (attacking.get()) {
                try {
                    attacker(new byte[0]);
                    Thread.sleep(20);
                } catch (IOException e) {
                    // a refused or reset connection is the server defending itself
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "steady-flood");
        steadyFlood.setDaemon(true);
        steadyFlood.start();
    }

    int answeredPolls() throws InterruptedException {
        int answered = 0;
        for (int i = 0; i < POLLS; i++) {
            try {
                VerifiedReport v = ReportClient.poll(agent(), FeedbackServerTest.SECRET, POLL_TIMEOUT_MS);
                if (v.authenticated() && v.report().state() == AdminState.DRAIN) {
                    answered++;
                }
            } catch (IOException | io.lvsfeedback.model.protocol.ProtocolException e) {
                // not answered in time
            }
            Thread.sleep(100);
        }
        return answered;
    }

    @Test
    void twoHundredIdleConnectionsAndASteadyStreamOfNewOnesDoNotSilenceThePort() throws Exception {
        // Regression: 16 idle connections silenced the port (0 of 20 bridge polls answered).
        server = FeedbackServer.start(InetAddress.getLoopbackAddress(), 0, defaultMaxConnections(), () -> report,
                FeedbackServerTest.SECRET, Duration.ofMillis(200), Duration.ofMillis(1000));
        for (int i = 0; i < 200; i++) {
            attacker(new byte[0]);
        }
        startSteadyFlood();
        assertThat(answeredPolls()).isGreaterThanOrEqualTo(POLLS - 1);
    }

    @Test
    void aFloodFarBeyondTheConnectionLimitClosesTheIdleNotTheBridge() throws Exception {
        // 400 idle connections against a limit of 16: the oldest idle ones make room, the bridge is served.
        server = FeedbackServer.start(InetAddress.getLoopbackAddress(), 0, 16, () -> report, FeedbackServerTest.SECRET,
                Duration.ofMillis(200), Duration.ofMillis(1000), Set.of(InetAddress.getLoopbackAddress()));
        for (int i = 0; i < 400; i++) {
            attacker(new byte[0]);
        }
        startSteadyFlood();
        assertThat(answeredPolls()).isGreaterThanOrEqualTo(POLLS - 1);
        assertThat(server.evictedConnections()).isGreaterThan(300);
    }

    @Test
    void slowlorisClientsAreDroppedAndDoNotSilenceThePort() throws Exception {
        // Regression: clients sending a request a byte at a time held every handler.
        server = FeedbackServer.start(InetAddress.getLoopbackAddress(), 0, defaultMaxConnections(), () -> report,
                FeedbackServerTest.SECRET, Duration.ofMillis(200), Duration.ofMillis(1000));
        byte[] request = "LVSFB/1 REPORT 000102030405060708090a0b0c0d0e0f\n".getBytes(StandardCharsets.US_ASCII);
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            slow.add(attacker(new byte[] {request[0]}));
        }
        Thread dripping = new Thread(() -> {
            // One byte per 100 ms on each: the line would take 4.8 s, far beyond the 1 s read timeout.
            for (int at = 1; at < request.length && attacking.get(); at++) {
                for (Socket s : slow) {
                    try {
                        s.getOutputStream().write(request[at]);
                    } catch (IOException e) {
                        // closed by the server: what we want
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "slowloris");
        dripping.setDaemon(true);
        dripping.start();
        assertThat(answeredPolls()).isGreaterThanOrEqualTo(POLLS - 1);
        for (Socket s : slow) {
            s.setSoTimeout(10_000);
            assertThat(readUntilClosed(s)).as("a slow client gets no reply, only the end").isEmpty();
        }
    }

    /** What the server sent before it closed (or reset) the connection. */
    static String readUntilClosed(Socket s) {
        StringBuilder got = new StringBuilder();
        try {
            InputStream in = s.getInputStream();
            int b;
            while ((b = in.read()) >= 0) {
                got.append((char) b);
            }
        } catch (IOException e) {
            // reset: closed too
        }
        return got.toString();
    }
}
