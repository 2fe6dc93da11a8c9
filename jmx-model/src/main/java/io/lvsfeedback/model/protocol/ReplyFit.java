package io.lvsfeedback.model.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Makes a report fit its line: a reply that does not fit is never sent, and a bridge that gets
 * none undoes a drain. So the free-length fields are cut instead, each with a marker: the reason
 * and host end in {@link #MORE}, the ports list keeps its first entries and {@code ports_more}
 * counts the rest. State, weight, signals and counters are never touched (but for the last resort
 * of dropping signals, which a report may leave out anyway).
 */
final class ReplyFit {
    /** Ends a cut text. */
    static final String MORE = "\u2026";
    /** Encoded bytes the reason keeps before the ports list is cut for it. */
    private static final int REASON_FLOOR = 160;
    /** Encoded bytes of the host name at most (a DNS name is at most 253 characters). */
    private static final int HOST_MAX = 256;

    private ReplyFit() {}

    /**
     * The report itself when {@code length} of it is at most {@code max}, else a copy cut to fit.
     *
     * @param length the encoded length of a report's line, or of the part that must fit
     */
    static FeedbackReport fit(FeedbackReport report, ToIntFunction<FeedbackReport> length, int max) {
        if (length.applyAsInt(report) <= max) {
            return report;
        }
        FeedbackReport.Builder b = report.toBuilder().host(cut(report.host(), HOST_MAX)).reason("")
                .ports(List.of()).portsOmitted(0);
        int budget = max - length.applyAsInt(b.build());
        int reasonKeep = report.reason().isEmpty() ? 0
                : Math.min(pairLength(ReportKeys.REASON, report.reason()), REASON_FLOOR);
        List<Integer> ports = portsThatFit(report.ports(), report.portsOmitted(), budget - reasonKeep);
        b.ports(ports).portsOmitted(report.ports().size() - ports.size() + report.portsOmitted());
        int left = max - length.applyAsInt(b.build());
        b.reason(cut(report.reason(), left - pairLength(ReportKeys.REASON, "")));
        FeedbackReport fitted = b.build();
        List<String> signals = new ArrayList<>(fitted.signals().keySet());
        while (length.applyAsInt(fitted) > max && !signals.isEmpty()) {
            // Only a report carrying unknown signals by the hundred gets here.
            fitted = fitted.toBuilder().signal(signals.remove(signals.size() - 1), Double.NaN).build();
        }
        return fitted;
    }

    /** The longest start of {@code text} that, with {@link #MORE}, encodes to at most {@code max} bytes. */
    static String cut(String text, int max) {
        if (WireSyntax.encodedLength(text) <= max) {
            return text;
        }
        int room = max - WireSyntax.encodedLength(MORE);
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int next = text.offsetByCodePoints(end, 1);
            used += WireSyntax.encodedLength(text.substring(end, next));
            if (used > room) {
                break;
            }
            end = next;
        }
        return room < 0 ? "" : text.substring(0, end) + MORE;
    }

    /** At most {@code max} characters: {@code text}, or its start and {@link #MORE}. */
    static String cutChars(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Math.max(0, max - MORE.length());
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + MORE;
    }

    /** The first ports whose pair, with a {@code ports_more} pair for the rest, takes at most {@code max} bytes. */
    private static List<Integer> portsThatFit(List<Integer> ports, int omittedBefore, int max) {
        List<Integer> kept = new ArrayList<>();
        int used = 0;
        for (int i = 0; i < ports.size(); i++) {
            int withNext = used + (i == 0 ? pairLength(ReportKeys.PORTS, "") : 1) + Integer.toString(ports.get(i)).length();
            int rest = ports.size() - i - 1 + omittedBefore;
            int marker = rest == 0 ? 0 : pairLength(ReportKeys.PORTS_MORE, Integer.toString(rest));
            if (withNext + marker > max) {
                break;
            }
            kept.add(ports.get(i));
            used = withNext;
        }
        return kept;
    }

    /** Bytes of {@code " key=value"} on the wire. */
    private static int pairLength(String key, String value) {
        return 2 + key.length() + WireSyntax.encodedLength(value);
    }
}
