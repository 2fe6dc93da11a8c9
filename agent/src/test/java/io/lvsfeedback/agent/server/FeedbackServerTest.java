package io.lvsfeedback.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.AgentCheckLine;
import io.lvsfeedback.model.protocol.AuthenticationException;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Nonce;
import io.lvsfeedback.model.protocol.ReportCodec;
import io.lvsfeedback.model.protocol.SharedSecret;
import io.lvsfeedback.model.protocol.Signals;
import io.lvsfeedback.model.protocol.VerifiedReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feedback port over real loopback sockets. */
class FeedbackServerTest {
    static final SharedSecret SECRET = SharedSecret.of("0123456789abcdef-test-secret");
    private final AtomicReference<FeedbackReport> report = new AtomicReference<>(FeedbackReport.builder()
            .state(AdminState.READY).weightPercent(75).signal(Signals.CPU_PROCESS, 0.25).host("rs1").build());
    private FeedbackServer server;

    @BeforeEach
    void start() throws IOException {
        server = start(4, Duration.ofMillis(200), Duration.ofMillis(1000));
    }

    private FeedbackServer start(int max, Duration requestWait, Duration readTimeout) throws IOException {
        return FeedbackServer.start(InetAddress.getLoopbackAddress(), 0, max, report::get, SECRET, requestWait, readTimeout);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(5000); // a test must never hang on a broken server
        return s;
    }

    /** Everything the server sends until it closes. */
    static String readAll(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    static java.io.BufferedReader lines(Socket s) throws IOException {
        return new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    }

    static String exchange(int port, String request) throws IOException {
        try (Socket s = connect(port)) {
            if (request != null) {
                s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            }
            return readAll(s);
        }
    }

    @Test
    void silentClientGetsTheAgentCheckLine() throws IOException {
        // HAProxy without agent-send: connects, says nothing, reads one line.
        assertThat(exchange(server.port(), null)).isEqualTo("75% ready\n");
    }

    @Test
    void aReportRequestArrivingAfterTheRequestWaitStillGetsTheSignedReport() throws Exception {
        // A bridge on a slow network: its request comes after the 200 ms in which HAProxy would have spoken.
        try (Socket s = connect(server.port())) {
            java.io.BufferedReader lines = lines(s);
            assertThat(lines.readLine()).isEqualTo("75% ready");
            String nonce = Nonce.next();
            s.getOutputStream().write(ReportCodec.encodeRequest(nonce).getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            VerifiedReport v = ReportCodec.decodeReply(lines.readLine(), nonce, SECRET, false);
            assertThat(v.authenticated()).isTrue();
            assertThat(v.report().weightPercent()).isEqualTo(75);
            assertThat(lines.readLine()).as("then the agent closes").isNull();
        }
    }

    @Test
    void afterTheAgentCheckLineANonReportLineGetsNothingMore() throws IOException {
        try (Socket s = connect(server.port())) {
            java.io.BufferedReader lines = lines(s);
            assertThat(lines.readLine()).isEqualTo("75% ready");
            s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(lines.readLine()).isNull();
        }
    }

    @Test
    void agentSendClientGetsTheLineAtOnce() throws IOException {
        assertThat(exchange(server.port(), "hello\n")).isEqualTo("75% ready\n");
    }

    @Test
    void agentSendWithoutNewlineIsAnsweredToo() throws IOException {
        // A server waiting for the line end would time out and close without a reply.
        try (Socket s = connect(server.port())) {
            s.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(s)).isEqualTo("75% ready\n");
        }
    }

    @Test
    void stateChangesShowInTheNextReply() throws IOException {
        report.set(report.get().toBuilder().state(AdminState.DRAIN).weightPercent(0).reason("shutting down").build());
        assertThat(exchange(server.port(), null)).isEqualTo("0% drain\n");
        report.set(report.get().toBuilder().state(AdminState.DOWN).reason("disk hung").build());
        assertThat(exchange(server.port(), "x\n")).isEqualTo("down #disk hung\n");
    }

    @Test
    void aRequestNamingAnInstantGetsTheReportOfThatInstant() throws Exception {
        java.util.List<Long> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        FeedbackReport older = FeedbackReport.builder().state(AdminState.READY).weightPercent(40).epochMillis(1_000).build();
        FeedbackReport newer = FeedbackReport.builder().state(AdminState.READY).weightPercent(90).epochMillis(1_500).build();
        try (FeedbackServer s = FeedbackServer.start(InetAddress.getLoopbackAddress(), 0, 16, (ReportSource) at -> {
            asked.add(at);
            return at != 0 && at < 1_500 ? older : newer;
        }, SECRET, Duration.ofMillis(200), Duration.ofMillis(1000), java.util.Set.of())) {
            String nonce = Nonce.next();
            VerifiedReport v = ReportCodec.decodeReply(exchange(s.port(), ReportCodec.encodeRequest(nonce, 1_200)),
                    nonce, SECRET, false);
            assertThat(v.report().weightPercent()).isEqualTo(40);
            assertThat(v.report().epochMillis()).isEqualTo(1_000);
            String again = Nonce.next();
            assertThat(ReportCodec.decodeReply(exchange(s.port(), ReportCodec.encodeRequest(again)), again, SECRET, false)
                    .report().weightPercent()).isEqualTo(90);
            assertThat(asked).containsExactly(1_200L, 0L);
        }
    }

    @Test
    void reportRequestGetsTheSignedReport() throws Exception {
        String nonce = Nonce.next();
        String reply = exchange(server.port(), ReportCodec.encodeRequest(nonce));
        VerifiedReport v = ReportCodec.decodeReply(reply, nonce, SECRET, false);
        assertThat(v.authenticated()).isTrue();
        assertThat(v.report().weightPercent()).isEqualTo(75);
        assertThat(v.report().signal(Signals.CPU_PROCESS)).isEqualTo(0.25);
        assertThat(v.report().host()).isEqualTo("rs1");
    }

    @Test
    void aMaintenanceReasonTooLongForTheLineStillGetsASignedReport() throws Exception {
        // Regression: a 700-char non-ASCII reason made the reply too long; the bridge saw no reply.
        report.set(report.get().toBuilder().state(AdminState.MAINT).weightPercent(0)
                .reason("\u00fc".repeat(700)).build());
        String nonce = Nonce.next();
        VerifiedReport v = ReportCodec.decodeReply(exchange(server.port(), ReportCodec.encodeRequest(nonce)),
                nonce, SECRET, false);
        assertThat(v.report().state()).isEqualTo(AdminState.MAINT);
        assertThat(v.report().reason()).startsWith("\u00fc\u00fc").endsWith("\u2026");
    }

    @Test
    void requestWithCrLfIsAccepted() throws Exception {
        String nonce = Nonce.next();
        String reply = exchange(server.port(), "LVSFB/1 REPORT " + nonce + "\r\n");
        assertThat(ReportCodec.decodeReply(reply, nonce, SECRET, false).authenticated()).isTrue();
    }

    @Test
    void replayedReplyFailsForANewNonce() throws Exception {
        String old = exchange(server.port(), ReportCodec.encodeRequest(Nonce.next()));
        Assertions.assertThatThrownBy(() -> ReportCodec.decodeReply(old, Nonce.next(), SECRET, false))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void wrongKeyIsDetected() throws Exception {
        String nonce = Nonce.next();
        String reply = exchange(server.port(), ReportCodec.encodeRequest(nonce));
        Assertions.assertThatThrownBy(() -> ReportCodec.decodeReply(reply, nonce, SharedSecret.of("another-secret-of-16+"), false))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void malformedReportRequestIsClosedUnanswered() throws IOException {
        assertThat(exchange(server.port(), "LVSFB/1 REPORT not-a-nonce\n")).isEmpty();
        assertThat(exchange(server.port(), "LVSFB/1 GIMME\n")).isEmpty();
    }

    @Test
    void oversizedRequestIsClosedUnanswered() throws IOException {
        assertThat(exchange(server.port(), "LVSFB/1 " + "A".repeat(1000) + "\n")).isEmpty();
    }

    @Test
    void slowClientIsDroppedAndDoesNotBlockOthers() throws Exception {
        try (Socket slow = connect(server.port())) {
            slow.getOutputStream().write("LVSFB".getBytes(StandardCharsets.US_ASCII)); // then nothing
            // others are served meanwhile
            assertThat(exchange(server.port(), null)).isEqualTo("75% ready\n");
            // the slow one is closed after the read timeout, without a reply
            assertThat(readAll(slow)).isEmpty();
        }
    }

    @Test
    void whenFullTheOldestHalfSentRequestMakesRoomForANewcomer() throws Exception {
        // A long read timeout keeps the hogs open until the test closes them.
        server.close();
        server = start(4, Duration.ofMillis(200), Duration.ofSeconds(60));
        List<Socket> hogs = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket s = connect(server.port());
                s.getOutputStream().write('L'); // each waits for the rest of its line
                hogs.add(s);
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(exchange(server.port(), "x\n")).isEqualTo("75% ready\n"));
            assertThat(server.evictedConnections()).isPositive();
            assertThat(readAll(hogs.get(0))).as("the oldest hog was closed, unanswered").isEmpty();
        } finally {
            for (Socket s : hogs) {
                s.close();
            }
        }
    }

    @Test
    void bridgeConnectionsAreNeverClosedForOthersAndOthersMakeRoomForABridge() throws Exception {
        server.close();
        InetAddress bridge = InetAddress.getByName("127.0.0.1");
        InetAddress other = InetAddress.getByName("127.0.0.2");
        server = FeedbackServer.start(bridge, 0, 2, report::get, SECRET, Duration.ofMillis(200), Duration.ofSeconds(60),
                java.util.Set.of(bridge));
        List<Socket> open = new ArrayList<>();
        try {
            open.add(connectFrom(bridge));
            open.add(connectFrom(bridge));
            for (Socket s : open) {
                s.getOutputStream().write('L');
            }
            // Full of bridge connections: someone else is turned away at once.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Socket s = connectFrom(other)) {
                    assertThat(readAll(s)).isEmpty();
                }
                assertThat(server.rejectedConnections()).isPositive();
            });
            open.get(0).close();
            open.remove(0);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                Socket s = connectFrom(other);
                open.add(s);
                return open.size() == 2; // the freed place taken by a silent non-bridge connection
            });
            // A bridge newcomer takes the non-bridge one's place and is served.
            try (Socket s = connectFrom(bridge)) {
                String nonce = Nonce.next();
                s.getOutputStream().write(ReportCodec.encodeRequest(nonce).getBytes(StandardCharsets.US_ASCII));
                assertThat(ReportCodec.decodeReply(lines(s).readLine(), nonce, SECRET, false).authenticated()).isTrue();
            }
            assertThat(server.evictedConnections()).isPositive();
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private Socket connectFrom(InetAddress source) throws IOException {
        Socket s = new Socket();
        s.bind(new java.net.InetSocketAddress(source, 0));
        s.connect(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.port()), 5000);
        s.setSoTimeout(5000);
        return s;
    }

    @Test
    void unsignedWhenNoSecret() throws Exception {
        try (FeedbackServer open = FeedbackServer.start(InetAddress.getLoopbackAddress(), 0, 2, report::get, null,
                Duration.ofMillis(200), Duration.ofMillis(1000))) {
            String nonce = Nonce.next();
            String reply = exchange(open.port(), ReportCodec.encodeRequest(nonce));
            assertThat(reply).endsWith(" sig=-\n");
            assertThat(ReportCodec.decodeReply(reply, nonce, null, true).authenticated()).isFalse();
        }
    }

    @Test
    void zeroRequestWaitAnswersImmediately() throws Exception {
        try (FeedbackServer eager = start(2, Duration.ZERO, Duration.ofMillis(1000))) {
            assertThat(exchange(eager.port(), null)).isEqualTo(AgentCheckLine.format(report.get()));
        }
    }

    @Test
    void portInUseIsAClearError() throws Exception {
        Assertions.assertThatThrownBy(() -> FeedbackServer.start(InetAddress.getLoopbackAddress(), server.port(), 2,
                        report::get, null, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + server.port());
    }
}
