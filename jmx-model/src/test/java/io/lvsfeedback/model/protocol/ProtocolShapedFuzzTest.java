package io.lvsfeedback.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Input built from the protocol's own words (random strings rarely hit {@code " sig="} or a
 * 10-digit weight): every parser either parses or throws {@link ProtocolException}, nothing else.
 */
class ProtocolShapedFuzzTest {
    static final SharedSecret KEY = ReportCodecTest.KEY;
    static final String NONCE = ReportCodecTest.NONCE;
    private static final String[] WORDS = {
        "LVSFB/1", "LVSFB/1 ", " ", "  ", "sig=", " sig=", "-", "=", "nonce=", NONCE, "state=", "ready", "drain",
        "down", "weight=", "weight:", "50", "101", "-1", "4294967346", "9223372036854775808", "reason=", "%", "%4",
        "%ZZ", "%0A", "%1B", "ports=", ";", "0", "65536", "8080", "capacity=", "1e999", "0.5", "NaN", "REPORT",
        "\r", "\n", "\t", "#", ",", "%", "up", "maxconn:", "\u00e9", "\u0000", "\u0663",
        "8b572794f2931607ade5d554ba87184e96db56ea9973b599e109dce244bf729c",
    };

    @Test
    void anUnsignedReplyWithNoFieldsIsAProtocolError() {
        // Regression: "LVSFB/1 sig=-" threw StringIndexOutOfBoundsException.
        assertThatThrownBy(() -> ReportCodec.decodeReply("LVSFB/1 sig=-", NONCE, null, true))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ReportCodec.decodeReply("LVSFB/1 sig=-\n", null, KEY, true))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void aSignedWeightBeyondIntIsRejectedNotWrapped() {
        // Regression: a validly signed weight=4294967346 was read as 50 %.
        String line = signed("LVSFB/1 nonce=" + NONCE + " state=ready weight=4294967346");
        assertThatThrownBy(() -> ReportCodec.decodeReply(line, NONCE, KEY, false))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("weight");
    }

    @Property(tries = 2000)
    void protocolShapedRepliesParseOrGiveProtocolExceptions(@ForAll("protocolText") String text) {
        for (String line : new String[] {text, "LVSFB/1 " + text, "LVSFB/1 nonce=" + NONCE + " " + text}) {
            decodeOrProtocolError(line, KEY, true);
            decodeOrProtocolError(signed(line), KEY, false);
        }
    }

    @Property(tries = 2000)
    void protocolShapedRequestsAndAgentCheckLinesParseOrGiveProtocolExceptions(@ForAll("protocolText") String text) {
        try {
            ReportCodec.parseRequest(text);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        try {
            AgentCheckLine.parse(text);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void aSignedWeightIsReadAsWrittenOrRejected(@ForAll("weights") String weight) {
        String line = signed("LVSFB/1 nonce=" + NONCE + " state=ready weight=" + weight);
        try {
            int read = ReportCodec.decodeReply(line, NONCE, KEY, false).report().weightPercent();
            assertThat(Integer.toString(read)).isEqualTo(weight.replaceFirst("^(-?)0+(?=\\d)", "$1"));
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).contains("weight");
        }
    }

    @Property(tries = 2000)
    void randomBytesAsLatin1ParseOrGiveProtocolExceptions(@ForAll byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        decodeOrProtocolError("LVSFB/1 " + text, KEY, true);
        decodeOrProtocolError(signed("LVSFB/1 nonce=" + NONCE + " " + text), KEY, false);
        try {
            AgentCheckLine.parse(text);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static void decodeOrProtocolError(String line, SharedSecret key, boolean allowUnauthenticated) {
        try {
            ReportCodec.decodeReply(line, NONCE, key, allowUnauthenticated);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** The line with a valid signature of its own, so the parser gets past the MAC check. */
    static String signed(String body) {
        return body + " sig=" + KEY.sign(body) + "\n";
    }

    @Provide
    Arbitrary<String> protocolText() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.strings().ofMaxLength(6));
        return word.list().ofMaxSize(16).map(words -> String.join("", words));
    }

    @Provide
    Arbitrary<String> weights() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(n -> Long.toString(n)),
                Arbitraries.integers().between(-5, 105).map(n -> Integer.toString(n)),
                Arbitraries.longs().between(0, 99).map(n -> Long.toString(n + 4294967296L * (1 + n % 3))),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25));
    }
}
