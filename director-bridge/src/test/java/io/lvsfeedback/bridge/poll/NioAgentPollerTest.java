package io.lvsfeedback.bridge.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NioAgentPollerTest {
    static final SharedSecret SECRET = SharedSecret.of("0123456789abcdef-test-secret");
    static final FeedbackReport REPORT = FeedbackReport.builder().state(AdminState.READY).weightPercent(80)
            .signal("capacity", 250).signal("util", 0.4).ports(List.of(8080)).host("rs1").build();

    final NioAgentPoller poller = new NioAgentPoller(64);
    final List<TestAgentServer> servers = new ArrayList<>();

    @AfterEach
    void tearDown() throws IOException {
        poller.close();
        for (TestAgentServer s : servers) {
            s.close();
        }
    }

    TestAgentServer server() throws IOException {
        TestAgentServer s = TestAgentServer.start();
        servers.add(s);
        return s;
    }

    PollOutcome pollOne(PollRequest request, long timeoutMillis) {
        Map<PollRequest, PollOutcome> all = poller.pollAll(List.of(request), timeoutMillis);
        assertThat(all).containsOnlyKeys(request);
        return all.get(request);
    }

    @Test
    void signedReportIsDecodedAndAuthenticated() throws IOException {
        TestAgentServer s = server().reply(REPORT, SECRET);
        PollOutcome o = pollOne(new PollRequest(s.address(), SECRET, false), 2000);
        assertThat(o.error()).isNull();
        assertThat(o.authenticated()).isTrue();
        assertThat(o.report()).isEqualTo(REPORT);
    }

    @Test
    void reportSignedWithAnotherSecretIsRejected() throws IOException {
        TestAgentServer s = server().reply(REPORT, SharedSecret.of("another-secret-of-16-bytes"));
        PollOutcome o = pollOne(new PollRequest(s.address(), SECRET, false), 2000);
        assertThat(o.succeeded()).isFalse();
        assertThat(o.error()).contains("signature");
    }

    @Test
    void replayedReplyWithAnOldNonceIsRejected() throws IOException {
        String recorded = io.lvsfeedback.model.protocol.ReportCodec.encodeReply(REPORT,
                io.lvsfeedback.model.protocol.Nonce.next(), SECRET);
        TestAgentServer s = server().replyRaw(recorded);
        PollOutcome o = pollOne(new PollRequest(s.address(), SECRET, false), 2000);
        assertThat(o.succeeded()).isFalse();
        assertThat(o.error()).contains("nonce");
    }

    @Test
    void unsignedReportNeedsAllowUnauthenticated() throws IOException {
        TestAgentServer s = server().reply(REPORT, null);
        assertThat(pollOne(new PollRequest(s.address(), SECRET, false), 2000).error()).contains("unsigned");
        PollOutcome allowed = pollOne(new PollRequest(s.address(), null, true), 2000);
        assertThat(allowed.report()).isEqualTo(REPORT);
        assertThat(allowed.authenticated()).isFalse();
    }

    @Test
    void plainAgentCheckLineIsAcceptedOnlyWhenUnauthenticatedIsAllowed() throws IOException {
        TestAgentServer s = server().replyRaw("35% drain\n");
        assertThat(pollOne(new PollRequest(s.address(), SECRET, false), 2000).error()).contains("allow-unauthenticated");
        PollOutcome o = pollOne(new PollRequest(s.address(), null, true), 2000);
        assertThat(o.report().state()).isEqualTo(AdminState.DRAIN);
        assertThat(o.report().weightPercent()).isEqualTo(35);
    }

    @Test
    void aSignedReportAfterAnAgentCheckLineIsTheAnswer() throws IOException {
        // What an agent sends when this request reached it after its request wait: the HAProxy line first.
        TestAgentServer s = server().replyWith(request -> {
            try {
                String nonce = io.lvsfeedback.model.protocol.ReportCodec.parseRequest(request);
                return "80% ready\n" + io.lvsfeedback.model.protocol.ReportCodec.encodeReply(REPORT, nonce, SECRET);
            } catch (io.lvsfeedback.model.protocol.ProtocolException e) {
                return "bad request\n";
            }
        });
        PollOutcome o = pollOne(new PollRequest(s.address(), SECRET, false), 2000);
        assertThat(o.error()).isNull();
        assertThat(o.authenticated()).isTrue();
        assertThat(o.report()).isEqualTo(REPORT);
    }

    @Test
    void eachRequestNamesTheCyclesInstantSoEveryDirectorGetsTheSameSample() throws IOException {
        java.util.List<Long> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        TestAgentServer s = server().replyWith(request -> {
            try {
                io.lvsfeedback.model.protocol.ReportRequest r = io.lvsfeedback.model.protocol.ReportCodec.parseRequestLine(request);
                asked.add(r.atMillis());
                return io.lvsfeedback.model.protocol.ReportCodec.encodeReply(REPORT, r.nonce(), SECRET);
            } catch (io.lvsfeedback.model.protocol.ProtocolException e) {
                return "bad request\n";
            }
        });
        try (NioAgentPoller p = new NioAgentPoller(4)) {
            PollRequest r = new PollRequest(s.address(), SECRET, false);
            assertThat(p.pollAll(java.util.List.of(r), 2000, 1_764_670_000_200L).get(r).authenticated()).isTrue();
            assertThat(p.pollAll(java.util.List.of(r), 2000).get(r).authenticated()).isTrue();
        }
        assertThat(asked).containsExactly(1_764_670_000_200L, 0L);
    }

    @Test
    void anAgentCheckLineAloneIsJudgedAtTheDeadlineWhenTheAgentKeepsTheConnection() throws IOException {
        TestAgentServer s = server().replyRaw("35% drain\n").thenHang();
        assertThat(pollOne(new PollRequest(s.address(), SECRET, false), 500).error()).contains("allow-unauthenticated");
        PollOutcome o = pollOne(new PollRequest(s.address(), null, true), 500);
        assertThat(o.report().state()).isEqualTo(AdminState.DRAIN);
        assertThat(o.report().weightPercent()).isEqualTo(35);
    }

    @Test
    void agentCheckLineEndedByCloseInsteadOfNewlineIsRead() throws IOException {
        TestAgentServer s = server().replyRaw("down #disk hung");
        PollOutcome o = pollOne(new PollRequest(s.address(), null, true), 2000);
        assertThat(o.report().state()).isEqualTo(AdminState.DOWN);
        assertThat(o.report().reason()).isEqualTo("disk hung");
    }

    @Test
    void silentAgentTimesOut() throws IOException {
        TestAgentServer s = server().replyWith(request -> null);
        PollOutcome o = pollOne(new PollRequest(s.address(), SECRET, false), 300);
        assertThat(o.error()).contains("no reply within 300 ms").contains("waiting for the reply");
        assertThat(o.unanswered()).as("connected, no reply: a starved or stopped JVM").isTrue();
    }

    @Test
    void aHalfReplyAtTheDeadlineIsUnansweredAndAnAgentCheckLineIsNot() throws IOException {
        TestAgentServer half = server().replyRaw("LVSFB/1 ").thenHang();
        PollOutcome o = pollOne(new PollRequest(half.address(), SECRET, false), 1000);
        assertThat(o.succeeded()).isFalse();
        assertThat(o.unanswered()).isTrue();
        TestAgentServer check = server().replyRaw("ready 50%\n").thenHang();
        PollOutcome line = pollOne(new PollRequest(check.address(), null, true), 1000);
        assertThat(line.succeeded()).isTrue();
        assertThat(line.unanswered()).isFalse();
    }

    @Test
    void closedPortIsAFailureNamingTheAgent() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", port);
        PollOutcome o = pollOne(new PollRequest(nobody, SECRET, false), 2000);
        assertThat(o.error()).startsWith("127.0.0.1:" + port + ": ").containsIgnoringCase("refused");
        assertThat(o.unanswered()).as("nobody took the connection").isFalse();
    }

    @Test
    void overlongReplyIsAProtocolError() throws IOException {
        TestAgentServer s = server().replyRaw("x".repeat(10_000));
        PollOutcome o = pollOne(new PollRequest(s.address(), null, true), 2000);
        assertThat(o.error()).contains("longer than 4096");
    }

    @Test
    void moreAgentsThanSocketsAreAllPolledOnce() throws IOException {
        // 40 agents through at most 8 sockets at a time: the rest wait their turn, none is dropped.
        List<PollRequest> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            TestAgentServer s = server().reply(REPORT.toBuilder().sequence(i).build(), SECRET);
            requests.add(new PollRequest(s.address(), SECRET, false));
        }
        try (NioAgentPoller narrow = new NioAgentPoller(8)) {
            Map<PollRequest, PollOutcome> out = narrow.pollAll(requests, 2000);
            assertThat(out).hasSize(40);
            for (int i = 0; i < 40; i++) {
                assertThat(out.get(requests.get(i)).report().sequence()).isEqualTo(i);
            }
        }
        assertThat(servers).allSatisfy(s -> assertThat(s.requests()).isEqualTo(1));
    }

    @Test
    void aSilentAgentTakesOneSocketWhileTheOthersUseTheRest() throws IOException {
        List<PollRequest> requests = new ArrayList<>();
        requests.add(new PollRequest(server().replyWith(request -> null).address(), SECRET, false));
        for (int i = 0; i < 6; i++) {
            requests.add(new PollRequest(server().reply(REPORT, SECRET).address(), SECRET, false));
        }
        try (NioAgentPoller two = new NioAgentPoller(2)) {
            Map<PollRequest, PollOutcome> out = two.pollAll(requests, 1500);
            assertThat(out.get(requests.get(0)).error()).contains("no reply within 1500 ms");
            assertThat(requests.subList(1, 7)).allSatisfy(r -> assertThat(out.get(r).report()).isEqualTo(REPORT));
        }
    }

    @Test
    void duplicateRequestsArePolledOnce() throws IOException {
        TestAgentServer s = server().reply(REPORT, SECRET);
        PollRequest r = new PollRequest(s.address(), SECRET, false);
        assertThat(poller.pollAll(List.of(r, r, r), 2000)).hasSize(1);
        assertThat(s.requests()).isEqualTo(1);
    }
}
