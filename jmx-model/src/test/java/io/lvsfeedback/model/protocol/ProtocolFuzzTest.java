package io.lvsfeedback.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class ProtocolFuzzTest {
    static final SharedSecret KEY = ReportCodecTest.KEY;
    static final String NONCE = ReportCodecTest.NONCE;

    @Property(tries = 2000)
    void garbageRepliesOnlyEverGiveProtocolExceptions(@ForAll @StringLength(max = 300) String garbage) {
        for (String line : List.of(garbage, "LVSFB/1 " + garbage, "LVSFB/1 nonce=" + NONCE + " " + garbage + " sig=-")) {
            try {
                ReportCodec.decodeReply(line, NONCE, KEY, true);
            } catch (ProtocolException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Property(tries = 2000)
    void garbageAgentCheckLinesOnlyEverGiveProtocolExceptions(@ForAll @StringLength(max = 200) String garbage) {
        try {
            AgentCheckLine.parse(garbage);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void garbageRequestsOnlyEverGiveProtocolExceptions(@ForAll @StringLength(max = 300) String garbage) {
        try {
            ReportCodec.parseRequest(garbage);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 500)
    void everyReportRoundTrips(@ForAll("reports") FeedbackReport report) throws Exception {
        String line = ReportCodec.encodeReply(report, NONCE, KEY);
        assertThat(line).hasLineCount(1);
        assertThat(ReportCodec.decodeReply(line, NONCE, KEY, false).report()).isEqualTo(report);
    }

    @Property(tries = 500)
    void flippingAnyByteOfASignedReplyIsDetected(@ForAll("reports") FeedbackReport report,
                                                 @ForAll("positions") int position) {
        String line = ReportCodec.encodeReply(report, NONCE, KEY);
        int at = position % (line.length() - 1);
        char flipped = line.charAt(at) == 'a' ? 'b' : 'a';
        String tampered = line.substring(0, at) + flipped + line.substring(at + 1);
        try {
            ReportCodec.decodeReply(tampered, NONCE, KEY, false);
            assertThat(tampered).as("tampered reply was accepted").isEqualTo(line);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 100_000);
    }

    @Provide
    Arbitrary<FeedbackReport> reports() {
        Arbitrary<AdminState> states = Arbitraries.of(AdminState.class);
        Arbitrary<String> reasons = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<Integer> weights = Arbitraries.integers().between(0, 100);
        Arbitrary<Double> values = Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e9, 1e9),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 100000).map(Integer::doubleValue));
        Arbitrary<List<Integer>> ports = Arbitraries.integers().between(1, 65535).list().ofMaxSize(4);
        Arbitrary<String> hosts = Arbitraries.strings().ofMaxLength(30);
        return Combinators.combine(states, reasons, weights, values, values, ports, hosts, Arbitraries.longs())
                .as((s, r, w, v1, v2, p, h, seq) -> FeedbackReport.builder().state(s).reason(r).weightPercent(w)
                        .signal(Signals.CAPACITY, v1).signal(Signals.GC_OVERHEAD, v2).ports(p).host(h).sequence(seq)
                        .build());
    }
}
