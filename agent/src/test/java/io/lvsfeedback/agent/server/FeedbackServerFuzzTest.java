package io.lvsfeedback.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.ReportClient;
import io.lvsfeedback.model.protocol.VerifiedReport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random bytes on the feedback port: every answer is one of the two protocols' lines or nothing. */
class FeedbackServerFuzzTest {
    private static FeedbackServer server;

    @BeforeContainer
    static void start() throws IOException {
        FeedbackReport r = FeedbackReport.builder().weightPercent(42).build();
        server = FeedbackServer.start(InetAddress.getLoopbackAddress(), 0, 8, () -> r,
                FeedbackServerTest.SECRET, Duration.ofMillis(50), Duration.ofMillis(200));
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Property(tries = 150)
    void anyRequestGetsAValidLineOrNothing(@ForAll("requests") byte[] request) throws Exception {
        String reply;
        try (Socket s = FeedbackServerTest.connect(server.port())) {
            s.getOutputStream().write(request);
            s.shutdownOutput();
            reply = FeedbackServerTest.readAll(s);
        } catch (IOException e) {
            reply = ""; // reset by the server: also "nothing"
        }
        assertThat(reply).satisfiesAnyOf(
                r -> assertThat(r).isEmpty(),
                r -> assertThat(r).isEqualTo("42% ready\n"),
                r -> assertThat(r).startsWith("LVSFB/1 nonce=").endsWith("\n"));
        // and the server still answers a well-formed request afterwards (a request later than the
        // 50 ms request wait gets the agent-check line first, which a client skips: docs/PROTOCOL.md)
        VerifiedReport ok = ReportClient.poll(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                FeedbackServerTest.SECRET, 5000);
        assertThat(ok.report().weightPercent()).isEqualTo(42);
    }

    @Provide
    Arbitrary<byte[]> requests() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> nearMiss = Arbitraries.strings().withChars("LVSFB/1 REPORT0123456789abcdef\r\n\0 ")
                .ofMaxLength(300).map(s -> ("LVSFB/1 " + s).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        return Arbitraries.oneOf(random, nearMiss);
    }
}
