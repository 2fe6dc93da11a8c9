package io.lvsfeedback.bench.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.AgentCheckLine;
import io.lvsfeedback.model.protocol.AuthenticationException;
import io.lvsfeedback.model.protocol.Nonce;
import io.lvsfeedback.model.protocol.ReportCodec;
import io.lvsfeedback.model.protocol.SharedSecret;
import io.lvsfeedback.model.protocol.Signals;
import io.lvsfeedback.model.protocol.VerifiedReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeAgentFarmTest {
    private static final String KEY = "benchmark-secret-0123456789";

    @TempDir
    Path dir;

    private FakeAgentFarm farm;
    private Thread runner;

    @BeforeEach
    void start() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret"), KEY + "\n");
        farm = new FakeAgentFarm(FarmOptions.parse("bind=127.0.0.1", "port=0", "duration=60",
                "secret-file=" + secret));
        runner = new Thread(farm::run, "farm-under-test");
        runner.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        farm.close();
        runner.join(5000);
    }

    @Test
    void answersASignedReportThatTheBridgeCodecAccepts() throws Exception {
        String nonce = Nonce.next();
        String reply = exchange(ReportCodec.encodeRequest(nonce));

        VerifiedReport verified = ReportCodec.decodeReply(reply, nonce, SharedSecret.of(KEY), false);

        assertThat(verified.authenticated()).isTrue();
        assertThat(verified.report().state()).isEqualTo(AdminState.READY);
        assertThat(verified.report().signal(Signals.CAPACITY)).isBetween(95.0, 420.0);
        assertThat(verified.report().host()).isEqualTo("127.0.0.1");
        // The counter moves just after the reply is written.
        await().atMost(Duration.ofSeconds(5)).until(() -> farm.reportsServed() == 1);
    }

    @Test
    void aReplyIsBoundToItsNonce() throws Exception {
        String reply = exchange(ReportCodec.encodeRequest(Nonce.next()));

        assertThatThrownBy(() -> ReportCodec.decodeReply(reply, Nonce.next(), SharedSecret.of(KEY), false))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void anyOtherLineGetsTheAgentCheckLine() throws Exception {
        String reply = exchange("hello\n");

        assertThat(AgentCheckLine.parse(reply).state()).isEqualTo(AdminState.READY);
        assertThat(reply).isEqualTo("100% ready\n");
    }

    @Test
    void sequenceCountsPerAddress() throws Exception {
        String first = exchange(ReportCodec.encodeRequest(Nonce.next()));
        String second = exchange(ReportCodec.encodeRequest(Nonce.next()));

        long s1 = ReportCodec.decodeReply(first, null, SharedSecret.of(KEY), false).report().sequence();
        long s2 = ReportCodec.decodeReply(second, null, SharedSecret.of(KEY), false).report().sequence();
        assertThat(s2).isEqualTo(s1 + 1);
    }

    @Test
    void badSettingsNameTheKey() {
        assertThatThrownBy(() -> FarmOptions.parse("workers=0")).hasMessageContaining("workers");
        assertThatThrownBy(() -> FarmOptions.parse("colour=red")).hasMessageContaining("colour");
        assertThatThrownBy(() -> FarmOptions.parse("jitter=lots")).hasMessageContaining("jitter");
        assertThatThrownBy(() -> FarmOptions.parse("jitter=0.9")).hasMessageContaining("jitter must be within 0..0.5");
        assertThatThrownBy(() -> FarmOptions.parse("port=70000")).hasMessageContaining("port must be within 0..65535");
        assertThatThrownBy(() -> FarmOptions.parse("duration")).hasMessageContaining("duration");
    }

    private String exchange(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), farm.localPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            return in.readLine() + "\n";
        }
    }
}
