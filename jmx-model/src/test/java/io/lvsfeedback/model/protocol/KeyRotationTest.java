package io.lvsfeedback.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key rotation without downtime (docs/PROTOCOL.md "Keys"): sign with the first key, accept any. */
class KeyRotationTest {
    static final String OLD = "old-key-0123456789abcdef";
    static final String NEW = "new-key-fedcba9876543210-longer";
    static final String NONCE = ReportCodecTest.NONCE;
    static final FeedbackReport REPORT = FeedbackReport.builder().state(AdminState.READY).weightPercent(60).build();
    @TempDir
    Path dir;

    SharedSecret keys(String... lines) throws IOException {
        return SharedSecret.fromFile(Files.writeString(dir.resolve("key-" + String.join("-", lines).hashCode()),
                String.join("\n", lines) + "\n"));
    }

    static boolean accepts(SharedSecret bridge, SharedSecret agent) {
        try {
            return ReportCodec.decodeReply(ReportCodec.encodeReply(REPORT, NONCE, agent), NONCE, bridge, false)
                    .authenticated();
        } catch (ProtocolException e) {
            return false;
        }
    }

    @Test
    void anAgentSignsWithTheFirstKeyOfItsFile() throws IOException {
        // Regression: a file of two lines was one key (with the newline in it).
        SharedSecret agent = keys(NEW, OLD);
        assertThat(agent.sign("x")).isEqualTo(SharedSecret.of(NEW).sign("x"));
        assertThat(agent.keyCount()).isEqualTo(2);
    }

    @Test
    void aBridgeWithOldAndNewAcceptsReportsSignedWithEither() throws IOException {
        SharedSecret bridge = keys(OLD, NEW);
        assertThat(accepts(bridge, SharedSecret.of(OLD))).isTrue();
        assertThat(accepts(bridge, SharedSecret.of(NEW))).isTrue();
        assertThat(accepts(bridge, SharedSecret.of("a-third-key-0123456789"))).isFalse();
    }

    @Test
    void aBridgeWithOnlyTheNewKeyRejectsTheOld() throws IOException {
        SharedSecret bridge = keys(NEW);
        assertThat(accepts(bridge, SharedSecret.of(NEW))).isTrue();
        String oldSigned = ReportCodec.encodeReply(REPORT, NONCE, SharedSecret.of(OLD));
        assertThatThrownBy(() -> ReportCodec.decodeReply(oldSigned, NONCE, bridge, false))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void everyStepOfTheDocumentedProcedureKeepsEveryAgentAccepted() throws IOException {
        // 0: all on OLD. 1: bridges add NEW second. 2: agents put NEW first, one by one. 3: OLD removed everywhere.
        SharedSecret[][] agentsAndBridgesPerStep = {
            {keys(OLD), keys(OLD)},
            {keys(OLD), keys(OLD, NEW)},
            {keys(NEW, OLD), keys(OLD, NEW)},
            {keys(NEW), keys(NEW)},
        };
        SharedSecret lateAgent = keys(OLD); // an agent not yet rotated in step 2
        for (int step = 0; step < agentsAndBridgesPerStep.length; step++) {
            SharedSecret agent = agentsAndBridgesPerStep[step][0];
            SharedSecret bridge = agentsAndBridgesPerStep[step][1];
            assertThat(accepts(bridge, agent)).as("step %d", step).isTrue();
            if (step == 1 || step == 2) {
                assertThat(accepts(bridge, lateAgent)).as("step %d, agent not rotated yet", step).isTrue();
            }
        }
    }

    @Test
    void blankLinesAndCrLfAreIgnoredAndEveryKeyMustBeLongEnough() throws IOException {
        Path file = Files.writeString(dir.resolve("crlf"), OLD + "\r\n\r\n" + NEW + "\r\n");
        SharedSecret s = SharedSecret.fromFile(file);
        assertThat(s.keyCount()).isEqualTo(2);
        assertThat(s.sign("x")).isEqualTo(SharedSecret.of(OLD).sign("x"));
        Path shortSecond = Files.writeString(dir.resolve("short"), OLD + "\nshort\n");
        assertThatThrownBy(() -> SharedSecret.fromFile(shortSecond)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(shortSecond + " line 2: key is 5 bytes, needs at least 16");
        Path empty = Files.writeString(dir.resolve("empty"), "\n\n");
        assertThatThrownBy(() -> SharedSecret.fromFile(empty)).hasMessage(empty + ": no key in it");
    }
}
