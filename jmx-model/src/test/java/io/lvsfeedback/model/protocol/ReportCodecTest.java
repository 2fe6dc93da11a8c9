package io.lvsfeedback.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportCodecTest {
    static final SharedSecret KEY = SharedSecret.of("0123456789abcdef-test-key");
    static final String NONCE = "000102030405060708090a0b0c0d0e0f";
    // The body and its HMAC-SHA256 were computed independently (Python's hmac module).
    static final String FIXTURE = "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f state=drain"
            + " reason=deploy%20v2%20%23wave1 weight=40 capacity=812.5 util=0.42 ports=8080;8443"
            + " seq=7 uptime_ms=12000 ts=1700000000000 host=rs1.example"
            + " sig=8b572794f2931607ade5d554ba87184e96db56ea9973b599e109dce244bf729c\n";

    static FeedbackReport fixtureReport() {
        return FeedbackReport.builder().state(AdminState.DRAIN).reason("deploy v2 #wave1").weightPercent(40)
                .signal(Signals.CAPACITY, 812.5).signal(Signals.UTILIZATION, 0.42)
                .ports(List.of(8080, 8443)).sequence(7).uptimeMillis(12000).timestampMillis(1700000000000L)
                .host("rs1.example").build();
    }

    @Test
    void encodesTheFixtureByteForByte() {
        assertThat(ReportCodec.encodeReply(fixtureReport(), NONCE, KEY)).isEqualTo(FIXTURE);
    }

    @Test
    void decodesTheFixtureAndChecksItsSignature() throws Exception {
        VerifiedReport v = ReportCodec.decodeReply(FIXTURE, NONCE, KEY, false);
        assertThat(v.authenticated()).isTrue();
        assertThat(v.report()).isEqualTo(fixtureReport());
        assertThat(v.report().signal(Signals.CPU_PROCESS)).isNaN();
    }

    @Test
    void meanConcurrencyTravelsAndOlderAgentsLeaveItOut() throws Exception {
        FeedbackReport withIt = FeedbackReport.builder().state(AdminState.READY).weightPercent(100)
                .signal(Signals.CAPACITY, 5628.5).signal(Signals.UTILIZATION, 0.0027)
                .signal(Signals.CONCURRENCY, 0.525).build();
        String line = ReportCodec.encodeReply(withIt, NONCE, KEY);
        assertThat(line).contains(" concurrency=0.525 ");
        assertThat(ReportCodec.decodeReply(line, NONCE, KEY, false).report()).isEqualTo(withIt);
        // The fixture is what an agent before this signal sends: still a whole report.
        assertThat(ReportCodec.decodeReply(FIXTURE, NONCE, KEY, false).report().signal(Signals.CONCURRENCY)).isNaN();
    }

    @Test
    void signalSourceTravelsAndOlderAgentsLeaveItOut() throws Exception {
        FeedbackReport withIt = FeedbackReport.builder().state(AdminState.READY).weightPercent(100)
                .signal(Signals.REQUESTS_PER_SECOND, 40).source("requests:micrometer,pool:tomcat").build();
        String line = ReportCodec.encodeReply(withIt, NONCE, KEY);
        assertThat(line).contains(" source=requests:micrometer,pool:tomcat ");
        assertThat(ReportCodec.decodeReply(line, NONCE, KEY, false).report()).isEqualTo(withIt);
        assertThat(ReportCodec.decodeReply(FIXTURE, NONCE, KEY, false).report().source()).isEmpty();
    }

    @Test
    void acceptsCrLfLineEnd() throws Exception {
        String crlf = FIXTURE.replace("\n", "\r\n");
        assertThat(ReportCodec.decodeReply(crlf, NONCE, KEY, false).report()).isEqualTo(fixtureReport());
    }

    @Test
    void aReplayedReplyFailsForANewNonce() {
        assertThatThrownBy(() -> ReportCodec.decodeReply(FIXTURE, Nonce.next(), KEY, false))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("nonce mismatch");
    }

    @Test
    void aTamperedReplyFailsTheMac() {
        String forged = FIXTURE.replace("weight=40", "weight=99");
        assertThatThrownBy(() -> ReportCodec.decodeReply(forged, NONCE, KEY, false))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("signature does not match");
    }

    @Test
    void aReplySignedWithAnotherKeyFails() {
        String other = ReportCodec.encodeReply(fixtureReport(), NONCE, SharedSecret.of("another-secret-key-0000"));
        assertThatThrownBy(() -> ReportCodec.decodeReply(other, NONCE, KEY, false))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void unsignedRepliesNeedExplicitPermission() throws Exception {
        String unsigned = ReportCodec.encodeReply(fixtureReport(), NONCE, null);
        assertThat(unsigned).endsWith(" sig=-\n");
        assertThatThrownBy(() -> ReportCodec.decodeReply(unsigned, NONCE, KEY, false))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("unsigned");
        assertThatThrownBy(() -> ReportCodec.decodeReply(unsigned, NONCE, null, false))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("no secret configured");
        VerifiedReport allowed = ReportCodec.decodeReply(unsigned, NONCE, KEY, true);
        assertThat(allowed.authenticated()).isFalse();
        assertThat(allowed.report()).isEqualTo(fixtureReport());
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() throws Exception {
        String body = "LVSFB/1 nonce=" + NONCE + " state=ready weight=100 future_signal=3 rps=12.25";
        String line = body + " sig=" + KEY.sign(body) + "\n";
        FeedbackReport r = ReportCodec.decodeReply(line, NONCE, KEY, false).report();
        assertThat(r.state()).isEqualTo(AdminState.READY);
        assertThat(r.signal(Signals.REQUESTS_PER_SECOND)).isEqualTo(12.25);
        assertThat(r.signals()).doesNotContainKey("future_signal");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "75% ready",
        "LVSFB/1",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f state=ready weight=100",
        "LVSFB/1 state=ready weight=100 sig=-",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f weight=100 sig=-",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f state=sleepy weight=100 sig=-",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f state=ready weight=101 sig=-",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f state=ready weight=NaN sig=-",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f state=ready weight=100 rps=NaN sig=-",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f state=ready weight=100 rps=1e999 sig=-",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f state=ready weight=100 rps=0x10 sig=-",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f state=ready weight=100 ports=0 sig=-",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f state=ready weight=100 reason=%4 sig=-",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f state=ready weight=100 reason=%zz sig=-",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f state=ready state=ready weight=100 sig=-",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f  state=ready weight=100 sig=-",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f State=ready weight=100 sig=-",
        "LVSFB/1 nonce=000102030405060708090a0b0c0d0e0f state=ready weight=100 sig=abc",
    })
    void malformedRepliesGiveAProtocolException(String line) {
        assertThatThrownBy(() -> ReportCodec.decodeReply(line, NONCE, null, true))
                .isInstanceOf(ProtocolException.class).hasMessageNotContaining("null");
    }

    @Test
    void requestRoundTripsAndRejectsBadNonces() throws Exception {
        String req = ReportCodec.encodeRequest(NONCE);
        assertThat(req).isEqualTo("LVSFB/1 REPORT 000102030405060708090a0b0c0d0e0f\n");
        assertThat(ReportCodec.isReportRequest(req)).isTrue();
        assertThat(ReportCodec.isReportRequest("hello\n")).isFalse();
        assertThat(ReportCodec.parseRequest(req)).isEqualTo(NONCE);
        assertThatThrownBy(() -> ReportCodec.parseRequest("LVSFB/1 REPORT 00FF"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("nonce");
        assertThatThrownBy(() -> ReportCodec.parseRequest("LVSFB/1 STATUS " + NONCE))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void aRequestMayNameTheInstantWhoseSampleItWants() throws Exception {
        String req = ReportCodec.encodeRequest(NONCE, 1_764_670_000_200L);
        assertThat(req).isEqualTo("LVSFB/1 REPORT 000102030405060708090a0b0c0d0e0f at=1764670000200\n");
        ReportRequest parsed = ReportCodec.parseRequestLine(req);
        assertThat(parsed.nonce()).isEqualTo(NONCE);
        assertThat(parsed.atMillis()).isEqualTo(1_764_670_000_200L);
        assertThat(ReportCodec.parseRequestLine(ReportCodec.encodeRequest(NONCE)).atMillis()).isZero();
        assertThat(ReportCodec.encodeRequest(NONCE, 0)).isEqualTo(ReportCodec.encodeRequest(NONCE));
        assertThat(ReportCodec.parseRequestLine("LVSFB/1 REPORT " + NONCE + " at=" + Long.MAX_VALUE).atMillis())
                .isEqualTo(Long.MAX_VALUE);
        for (String bad : new String[] {"at=", "at=-1", "at=12x", "at=99999999999999999999", "at=9223372036854775808",
                "on=5", "at=5 more"}) {
            assertThatThrownBy(() -> ReportCodec.parseRequestLine("LVSFB/1 REPORT " + NONCE + " " + bad))
                    .as(bad).isInstanceOf(ProtocolException.class);
        }
        assertThatThrownBy(() -> ReportCodec.encodeRequest(NONCE, -5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noncesAreFreshAndWellFormed() {
        String a = Nonce.next();
        String b = Nonce.next();
        assertThat(Nonce.isValid(a)).isTrue();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void secretFileIsTrimmedAndTooShortKeysAreRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key");
        Files.write(file, "0123456789abcdef-test-key\n".getBytes(StandardCharsets.UTF_8));
        SharedSecret fromFile = SharedSecret.fromFile(file);
        assertThat(fromFile.sign("x")).isEqualTo(KEY.sign("x"));
        assertThat(fromFile.toString()).doesNotContain("0123");
        Files.write(file, "short\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SharedSecret.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> SharedSecret.fromFile(dir.resolve("missing")))
                .hasMessageContaining("cannot read secret-file");
    }
}
