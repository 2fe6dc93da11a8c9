package io.lvsfeedback.model.protocol;

import java.util.Locale;

/**
 * The HAProxy agent-check line (docs/PROTOCOL.md section 1): formatted by agents for plain
 * clients, parsed by the bridge so HAProxy-style agents (e.g. lbfeedback) can feed it too.
 */
public final class AgentCheckLine {
    /** Longest line we read from an agent-check peer. */
    public static final int MAX_LINE = 512;

    private AgentCheckLine() {}

    /** {@code "75% ready\n"}, {@code "0% drain\n"}, {@code "down #reason\n"}. */
    public static String format(FeedbackReport report) {
        if (report.state() == AdminState.DOWN) {
            // HAProxy takes a '#' description after down/fail/stopped only.
            // Cut to the line length this side's parser (and any sane reader) accepts.
            String reason = ReplyFit.cutChars(report.reason(), MAX_LINE - "down #\n".length());
            return reason.isEmpty() ? "down\n" : "down #" + reason + '\n';
        }
        return report.weightPercent() + "% " + report.state().word() + '\n';
    }

    /**
     * Parses a reply the way HAProxy does: words separated by space, tab or comma; a '#' starts
     * the reason; unknown words are ignored, but a line with no known word is an error.
     */
    public static AgentCheckReply parse(String line) throws ProtocolException {
        String l = ReportCodec.stripLineEnd(line);
        int cut = indexOfLineEnd(l);
        if (cut >= 0) {
            l = l.substring(0, cut);
        }
        if (l.length() > MAX_LINE) {
            throw new ProtocolException("agent-check line longer than " + MAX_LINE + " bytes");
        }
        String reason = "";
        int hash = l.indexOf('#');
        if (hash >= 0) {
            reason = l.substring(hash + 1).trim();
            l = l.substring(0, hash);
        }
        int percent = AgentCheckReply.UNSET;
        int absolute = AgentCheckReply.UNSET;
        AdminState state = null;
        boolean known = false;
        for (String word : l.split("[ \t,]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String w = word.toLowerCase(Locale.ROOT);
            if (w.startsWith("weight:")) {
                w = w.substring("weight:".length());
                if (!w.endsWith("%")) {
                    absolute = parseNumber(word, w, 0, 256);
                    known = true;
                    continue;
                }
            }
            if (w.endsWith("%")) {
                percent = parseNumber(word, w.substring(0, w.length() - 1), 0, FeedbackReport.MAX_WEIGHT_PERCENT);
                known = true;
            } else if (w.startsWith("maxconn:")) {
                known = true;
            } else {
                AdminState s = AdminState.parseOrNull(w);
                if (s != null) {
                    state = s;
                    known = true;
                }
            }
        }
        if (!known) {
            throw new ProtocolException("agent-check line has no weight or state: " + ReportCodec.preview(line));
        }
        return new AgentCheckReply(percent, absolute, state, reason);
    }

    private static int indexOfLineEnd(String s) {
        int r = s.indexOf('\r');
        int n = s.indexOf('\n');
        if (r < 0) {
            return n;
        }
        return n < 0 ? r : Math.min(r, n);
    }

    private static int parseNumber(String word, String digits, int min, int max) throws ProtocolException {
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
            throw new ProtocolException("bad weight '" + ReportCodec.preview(word) + "'");
        }
        int v = Integer.parseInt(digits);
        if (v < min || v > max) {
            throw new ProtocolException("weight " + v + " out of range " + min + ".." + max);
        }
        return v;
    }
}
