package io.lvsfeedback.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ReportClientTest {
    static final SharedSecret SECRET = SharedSecret.of("0123456789abcdef-test-secret");
    static final FeedbackReport REPORT = FeedbackReport.builder().state(AdminState.READY).weightPercent(70).build();

    /** Serves one connection: reads the request line, writes what {@code reply} makes of its nonce. */
    static VerifiedReport pollOnce(UnaryOperator<String> reply, SharedSecret clientSecret) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread agent = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(5000);
                    String request = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.US_ASCII)).readLine();
                    s.getOutputStream().write(reply.apply(ReportCodec.parseRequest(request))
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException | ProtocolException e) {
                    // the test's assertion reports it
                }
            });
            agent.start();
            try {
                return ReportClient.poll(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                        clientSecret, 5000);
            } finally {
                agent.join(5000);
            }
        }
    }

    @Test
    void readsTheSignedReport() throws Exception {
        VerifiedReport v = pollOnce(nonce -> ReportCodec.encodeReply(REPORT, nonce, SECRET), SECRET);
        assertThat(v.authenticated()).isTrue();
        assertThat(v.report().weightPercent()).isEqualTo(70);
    }

    @Test
    void readsPastTheAgentCheckLineOfALateRequest() throws Exception {
        VerifiedReport v = pollOnce(nonce -> "70% ready\n" + ReportCodec.encodeReply(REPORT, nonce, SECRET), SECRET);
        assertThat(v.authenticated()).isTrue();
        assertThat(v.report().state()).isEqualTo(AdminState.READY);
    }

    @Test
    void aForgedReplyIsRefused() {
        SharedSecret other = SharedSecret.of("another-secret-of-16-bytes");
        assertThatThrownBy(() -> pollOnce(nonce -> ReportCodec.encodeReply(REPORT, nonce, other), SECRET))
                .isInstanceOf(AuthenticationException.class);
    }
}
