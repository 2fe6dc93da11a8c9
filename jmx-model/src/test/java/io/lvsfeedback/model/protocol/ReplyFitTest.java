package io.lvsfeedback.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A report always goes out: free-length fields are cut with a marker so the line fits (docs/PROTOCOL.md). */
class ReplyFitTest {
    static final SharedSecret KEY = ReportCodecTest.KEY;
    static final String NONCE = ReportCodecTest.NONCE;

    static FeedbackReport full(String reason, List<Integer> ports) {
        FeedbackReport.Builder b = FeedbackReport.builder().state(AdminState.MAINT).weightPercent(0).reason(reason)
                .ports(ports).host("rs1.example").sequence(99).uptimeMillis(123456).timestampMillis(1700000000000L);
        double v = 0.123456789012345;
        for (String s : Signals.ALL) {
            b.signal(s, v += 1000.000001);
        }
        return b.build();
    }

    static VerifiedReport sendAndRead(FeedbackReport r) throws ProtocolException {
        String line = ReportCodec.encodeReply(r, NONCE, KEY);
        assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ReportCodec.MAX_REPLY_BYTES);
        assertThat(line).endsWith("\n").hasLineCount(1);
        return ReportCodec.decodeReply(line, NONCE, KEY, false);
    }

    @Test
    void aLongNonAsciiMaintenanceReasonIsCutNotTheReport() throws Exception {
        // Regression: a 700-char non-ASCII reason made encodeReply throw, and the bridge saw "no reply".
        String reason = "Wartung \u00fcber Nacht: " + "\u00e4\u00f6\u00fc\u20ac".repeat(175);
        FeedbackReport sent = full(reason, List.of(8080, 8443));
        FeedbackReport read = sendAndRead(sent).report();
        assertThat(read.state()).isEqualTo(AdminState.MAINT);
        assertThat(read.weightPercent()).isZero();
        assertThat(read.signals()).isEqualTo(sent.signals());
        assertThat(read.ports()).containsExactly(8080, 8443);
        assertThat(read.reason()).endsWith(ReplyFit.MORE).hasSizeLessThan(reason.length());
        assertThat(reason).startsWith(read.reason().substring(0, read.reason().length() - 1));
        assertThat(read.reason().length()).as("what fits is kept").isGreaterThan(300);
    }

    @Test
    void manyPortsAreCutWithACountOfTheRest() throws Exception {
        // Regression: a JVM listening on many ports sent no report at all.
        List<Integer> ports = IntStream.rangeClosed(10000, 11999).boxed().collect(Collectors.toList());
        FeedbackReport read = sendAndRead(full("deploy", ports)).report();
        assertThat(read.state()).isEqualTo(AdminState.MAINT);
        assertThat(read.reason()).isEqualTo("deploy");
        assertThat(read.ports()).isNotEmpty().isEqualTo(ports.subList(0, read.ports().size()));
        assertThat(read.portsOmitted()).isEqualTo(ports.size() - read.ports().size());
    }

    @Test
    void bothAtOnceStillFitAndTheReasonKeepsItsStart() throws Exception {
        List<Integer> ports = IntStream.rangeClosed(1, 3000).boxed().collect(Collectors.toList());
        FeedbackReport read = sendAndRead(full("\u00e9".repeat(2000), ports)).report();
        assertThat(read.reason()).startsWith("\u00e9\u00e9\u00e9").endsWith(ReplyFit.MORE);
        assertThat(read.ports().size() + read.portsOmitted()).isEqualTo(3000);
    }

    @Test
    void aReportThatFitsIsSentUnchanged() throws Exception {
        FeedbackReport r = full("short", List.of(80));
        assertThat(sendAndRead(r).report()).isEqualTo(r);
        assertThat(ReportCodec.encodeReply(r, NONCE, KEY)).doesNotContain(ReportKeys.PORTS_MORE);
    }

    @Test
    void aLongDownReasonKeepsTheAgentCheckLineReadable() throws Exception {
        FeedbackReport down = FeedbackReport.builder().state(AdminState.DOWN).reason("disk ".repeat(300)).build();
        String line = AgentCheckLine.format(down);
        assertThat(line.length()).isLessThanOrEqualTo(AgentCheckLine.MAX_LINE);
        assertThat(line).startsWith("down #disk disk").endsWith(ReplyFit.MORE + "\n");
        assertThat(AgentCheckLine.parse(line).state()).isEqualTo(AdminState.DOWN);
    }

    @Property(tries = 300)
    void everyReportFitsAndKeepsItsStateWeightAndSignals(@ForAll("bigReports") FeedbackReport sent) throws Exception {
        FeedbackReport read = sendAndRead(sent).report();
        assertThat(read.state()).isEqualTo(sent.state());
        assertThat(read.weightPercent()).isEqualTo(sent.weightPercent());
        assertThat(read.signals()).isEqualTo(sent.signals());
        assertThat(read.sequence()).isEqualTo(sent.sequence());
        assertThat(sent.ports()).startsWith(read.ports().toArray(new Integer[0]));
        assertThat(read.ports().size() + read.portsOmitted()).isEqualTo(sent.ports().size());
        String reason = read.reason();
        String wire = utf8(sent.reason()); // the wire is UTF-8: a lone surrogate travels as '?'
        if (!reason.equals(wire)) {
            assertThat(reason).endsWith(ReplyFit.MORE);
            assertThat(wire).startsWith(reason.substring(0, reason.length() - ReplyFit.MORE.length()));
        }
        assertThat(AgentCheckLine.format(sent).length()).isLessThanOrEqualTo(AgentCheckLine.MAX_LINE);
    }

    private static String utf8(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<FeedbackReport> bigReports() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(5000),
                Arbitraries.strings().withCharRange('\u0080', '\uffff').ofMaxLength(2000),
                Arbitraries.strings().alpha().ofMaxLength(40));
        Arbitrary<List<Integer>> ports = Arbitraries.integers().between(1, 65535).list().ofMaxSize(3000);
        Arbitrary<String> hosts = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(600), Arbitraries.just("rs1"));
        return Combinators.combine(Arbitraries.of(AdminState.class), text, Arbitraries.integers().between(0, 100),
                ports, hosts, Arbitraries.longs()).as((s, r, w, p, h, seq) -> {
                    FeedbackReport.Builder b = full(r, new ArrayList<>(p)).toBuilder().state(s).weightPercent(w)
                            .host(h).sequence(seq);
                    return b.build();
                });
    }
}
