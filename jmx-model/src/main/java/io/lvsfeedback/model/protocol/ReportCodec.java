package io.lvsfeedback.model.protocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes and decodes the LVSFB/1 request and the signed one-line report (docs/PROTOCOL.md).
 * Decoding never throws anything but {@link ProtocolException} for bad input.
 */
public final class ReportCodec {
    public static final String MAGIC = "LVSFB/1";
    public static final int MAX_REPLY_BYTES = 4096;
    public static final int MAX_REQUEST_BYTES = 256;

    private static final String REQUEST_VERB = "REPORT";
    private static final String SIG = " sig=";
    private static final String UNSIGNED = "-";
    /** Room for the body: the line less " sig=", 64 hex digits and the newline. */
    private static final int MAX_BODY_BYTES = MAX_REPLY_BYTES - SIG.length() - 64 - 1;

    private ReportCodec() {}

    private static final String AT = "at=";
    /** More digits than any millisecond count up to year 2^63: a longer value is malformed. */
    private static final int MAX_AT_DIGITS = 19;

    /** The request line a bridge sends, with its newline. */
    public static String encodeRequest(String nonce) {
        return encodeRequest(nonce, 0);
    }

    /**
     * The request line for the report of the sample an agent took at or before {@code atMillis}
     * (wall clock), with its newline; 0 asks for the latest. Every director that asks for the same
     * instant gets the same sample, however late its poll (docs/PROTOCOL.md, several directors).
     */
    public static String encodeRequest(String nonce, long atMillis) {
        if (!Nonce.isValid(nonce)) {
            throw new IllegalArgumentException("nonce must be 32 lowercase hex digits");
        }
        if (atMillis < 0) {
            throw new IllegalArgumentException("at must be 0 (latest) or a wall-clock time in ms, got " + atMillis);
        }
        return MAGIC + ' ' + REQUEST_VERB + ' ' + nonce + (atMillis == 0 ? "" : " " + AT + atMillis) + '\n';
    }

    /** True when a request line (or its first bytes) asks for the full report rather than an agent-check line. */
    public static boolean isReportRequest(String line) {
        return line.startsWith(MAGIC);
    }

    /**
     * The nonce of an LVSFB/1 request line (line end already stripped or not).
     *
     * @throws ProtocolException when the line starts like an LVSFB/1 request but is malformed
     */
    public static String parseRequest(String line) throws ProtocolException {
        return parseRequestLine(line).nonce();
    }

    /**
     * The nonce and the optional {@code at=} instant of an LVSFB/1 request line.
     *
     * @throws ProtocolException when the line starts like an LVSFB/1 request but is malformed
     */
    public static ReportRequest parseRequestLine(String line) throws ProtocolException {
        String l = stripLineEnd(line);
        if (l.length() > MAX_REQUEST_BYTES) {
            throw new ProtocolException("request longer than " + MAX_REQUEST_BYTES + " bytes");
        }
        String[] words = l.split(" ", -1);
        if (words.length < 3 || words.length > 4 || !MAGIC.equals(words[0]) || !REQUEST_VERB.equals(words[1])) {
            throw new ProtocolException("malformed request, expected 'LVSFB/1 REPORT <nonce> [at=<ms>]'");
        }
        if (!Nonce.isValid(words[2])) {
            throw new ProtocolException("malformed request nonce, expected 32 lowercase hex digits");
        }
        return new ReportRequest(words[2], words.length == 4 ? atMillis(words[3]) : 0);
    }

    private static long atMillis(String word) throws ProtocolException {
        String digits = word.startsWith(AT) ? word.substring(AT.length()) : "";
        if (digits.isEmpty() || digits.length() > MAX_AT_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ProtocolException("malformed request, expected 'at=<ms>' after the nonce");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ProtocolException("malformed request, 'at=' beyond a long");
        }
    }

    /**
     * The signed reply line, with its newline; {@code secret} null sends it unsigned ({@code sig=-}).
     * Always at most {@link #MAX_REPLY_BYTES}: a report too long for that is cut ({@link ReplyFit}).
     */
    public static String encodeReply(FeedbackReport report, String nonce, SharedSecret secret) {
        if (!Nonce.isValid(nonce)) {
            throw new IllegalArgumentException("nonce must be 32 lowercase hex digits");
        }
        String body = body(ReplyFit.fit(report, r -> body(r, nonce).length(), MAX_BODY_BYTES), nonce);
        return body + SIG + (secret == null ? UNSIGNED : secret.sign(body)) + '\n';
    }

    /** The line up to the signature; US-ASCII, so its length is its size in bytes. */
    private static String body(FeedbackReport report, String nonce) {
        StringBuilder line = new StringBuilder(256).append(MAGIC);
        pair(line, ReportKeys.NONCE, nonce);
        pair(line, ReportKeys.STATE, report.state().word());
        if (!report.reason().isEmpty()) {
            pair(line, ReportKeys.REASON, report.reason());
        }
        pair(line, ReportKeys.WEIGHT, Integer.toString(report.weightPercent()));
        for (Map.Entry<String, Double> s : report.signals().entrySet()) {
            pair(line, s.getKey(), formatNumber(s.getValue()));
        }
        if (!report.ports().isEmpty()) {
            StringBuilder ports = new StringBuilder();
            for (int p : report.ports()) {
                ports.append(ports.length() == 0 ? "" : ";").append(p);
            }
            pair(line, ReportKeys.PORTS, ports.toString());
        }
        if (report.portsOmitted() > 0) {
            pair(line, ReportKeys.PORTS_MORE, Integer.toString(report.portsOmitted()));
        }
        if (!report.source().isEmpty()) {
            pair(line, ReportKeys.SOURCE, report.source());
        }
        pair(line, ReportKeys.SEQ, Long.toString(report.sequence()));
        pair(line, ReportKeys.UPTIME_MS, Long.toString(report.uptimeMillis()));
        pair(line, ReportKeys.TIMESTAMP_MS, Long.toString(report.timestampMillis()));
        if (report.epochMillis() != 0) {
            pair(line, ReportKeys.EPOCH_MS, Long.toString(report.epochMillis()));
        }
        if (!report.host().isEmpty()) {
            pair(line, ReportKeys.HOST, report.host());
        }
        return line.toString();
    }

    /**
     * Decodes and checks a reply line.
     *
     * @param expectedNonce the nonce this client sent
     * @param secret the shared key, or null when none is configured
     * @param allowUnauthenticated accept replies that cannot be checked (no key here, or unsigned)
     * @throws AuthenticationException for a bad signature, a foreign nonce, or an unsigned reply that is not allowed
     * @throws ProtocolException for anything malformed
     */
    public static VerifiedReport decodeReply(String line, String expectedNonce, SharedSecret secret,
                                             boolean allowUnauthenticated) throws ProtocolException {
        String l = stripLineEnd(line);
        if (l.length() > MAX_REPLY_BYTES) {
            throw new ProtocolException("reply longer than " + MAX_REPLY_BYTES + " bytes");
        }
        if (!l.startsWith(MAGIC + ' ')) {
            throw new ProtocolException("reply does not start with '" + MAGIC + "': " + preview(l));
        }
        int sigAt = l.lastIndexOf(SIG);
        if (sigAt < 0) {
            throw new ProtocolException("reply has no 'sig=' field");
        }
        if (sigAt <= MAGIC.length()) {
            throw new ProtocolException("reply has no fields before 'sig='"); // "LVSFB/1 sig=-"
        }
        String body = l.substring(0, sigAt);
        String sig = l.substring(sigAt + SIG.length());
        boolean authenticated = checkSignature(body, sig, secret, allowUnauthenticated);
        Map<String, String> fields = ReportFields.parse(body.substring(MAGIC.length() + 1));
        String nonce = fields.get(ReportKeys.NONCE);
        if (nonce == null) {
            throw new ProtocolException("reply has no 'nonce' field");
        }
        if (expectedNonce != null && !expectedNonce.equals(nonce)) {
            throw new AuthenticationException("reply answers another request (nonce mismatch): replayed or misrouted");
        }
        return new VerifiedReport(ReportFields.toReport(fields), authenticated);
    }

    private static boolean checkSignature(String body, String sig, SharedSecret secret,
                                          boolean allowUnauthenticated) throws ProtocolException {
        boolean unsigned = UNSIGNED.equals(sig);
        if (!unsigned && !WireSyntax.isLowerHex(sig, 64)) {
            throw new ProtocolException("malformed 'sig' field, expected 64 lowercase hex digits or '-'");
        }
        if (secret != null && !unsigned) {
            if (!secret.verify(body, sig)) {
                throw new AuthenticationException("signature does not match: forged reply or a different secret");
            }
            return true;
        }
        if (allowUnauthenticated) {
            return false;
        }
        throw new AuthenticationException(secret == null
                ? "no secret configured to check the reply, and unauthenticated agents are not allowed"
                : "agent sent an unsigned reply (it has no secret-file), and unauthenticated agents are not allowed");
    }

    private static void pair(StringBuilder line, String key, String value) {
        line.append(' ').append(key).append('=').append(WireSyntax.encodeValue(value));
    }

    /** Shortest text that reads back to the same double; integers without a fraction. */
    static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String stripLineEnd(String line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    static String preview(String s) {
        String p = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "'" + p.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }

    /** Parses the space-separated pairs and maps them onto a report. */
    static final class ReportFields {
        private static final java.util.regex.Pattern DECIMAL =
                java.util.regex.Pattern.compile("-?[0-9]{1,20}(\\.[0-9]{1,20})?([eE][-+]?[0-9]{1,3})?");

        private ReportFields() {}

        static Map<String, String> parse(String pairs) throws ProtocolException {
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            for (String pair : pairs.split(" ", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new ProtocolException("malformed field " + preview(pair) + ", expected key=value");
                }
                String key = pair.substring(0, eq);
                if (!WireSyntax.isKey(key)) {
                    throw new ProtocolException("malformed key " + preview(key));
                }
                if (!seen.add(key)) {
                    throw new ProtocolException("duplicate field '" + key + "'");
                }
                fields.put(key, WireSyntax.decodeValue(key, pair.substring(eq + 1)));
            }
            return fields;
        }

        static FeedbackReport toReport(Map<String, String> f) throws ProtocolException {
            FeedbackReport.Builder b = FeedbackReport.builder();
            b.state(AdminState.parse(required(f, ReportKeys.STATE)));
            b.reason(f.get(ReportKeys.REASON));
            // Range-checked as a long: a cast first would read 4294967346 as 50.
            long weight = longField(ReportKeys.WEIGHT, required(f, ReportKeys.WEIGHT));
            if (weight < 0 || weight > FeedbackReport.MAX_WEIGHT_PERCENT) {
                throw new ProtocolException("field 'weight' must be 0..100, got " + weight);
            }
            b.weightPercent((int) weight);
            for (String name : Signals.ALL) {
                String v = f.get(name);
                if (v != null) {
                    b.signal(name, doubleField(name, v));
                }
            }
            String ports = f.get(ReportKeys.PORTS);
            if (ports != null && !ports.isEmpty()) {
                b.ports(portsField(ports));
            }
            long omitted = optionalLong(f, ReportKeys.PORTS_MORE);
            if (omitted < 0 || omitted > 65535) {
                throw new ProtocolException("field '" + ReportKeys.PORTS_MORE + "' must be 0..65535, got " + omitted);
            }
            b.portsOmitted((int) omitted);
            b.sequence(optionalLong(f, ReportKeys.SEQ));
            b.uptimeMillis(optionalLong(f, ReportKeys.UPTIME_MS));
            b.timestampMillis(optionalLong(f, ReportKeys.TIMESTAMP_MS));
            b.epochMillis(optionalLong(f, ReportKeys.EPOCH_MS));
            b.host(f.get(ReportKeys.HOST));
            b.source(f.get(ReportKeys.SOURCE));
            return b.build();
        }

        private static String required(Map<String, String> f, String key) throws ProtocolException {
            String v = f.get(key);
            if (v == null) {
                throw new ProtocolException("reply has no '" + key + "' field");
            }
            return v;
        }

        private static long optionalLong(Map<String, String> f, String key) throws ProtocolException {
            String v = f.get(key);
            return v == null ? 0 : longField(key, v);
        }

        private static long longField(String key, String v) throws ProtocolException {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ProtocolException("field '" + key + "' is not an integer: " + preview(v));
            }
        }

        private static double doubleField(String key, String v) throws ProtocolException {
            // Plain decimals only: Java would also take "NaN", "Infinity", hex floats and "1d".
            if (!DECIMAL.matcher(v).matches()) {
                throw new ProtocolException("field '" + key + "' is not a decimal number: " + preview(v));
            }
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new ProtocolException("field '" + key + "' is out of range: " + preview(v));
            }
            return d;
        }

        private static List<Integer> portsField(String v) throws ProtocolException {
            List<Integer> ports = new ArrayList<>();
            for (String p : v.split(";", -1)) {
                long port = longField(ReportKeys.PORTS, p);
                if (port < 1 || port > 65535) {
                    throw new ProtocolException("field 'ports' has an invalid port " + preview(p));
                }
                ports.add((int) port);
            }
            return ports;
        }
    }
}
