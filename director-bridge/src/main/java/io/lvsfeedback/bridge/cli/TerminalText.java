package io.lvsfeedback.bridge.cli;

/**
 * Text from an agent made safe for a terminal: control characters (C0, DEL, C1) become
 * {@code \xHH} and invisible format characters (bidi overrides) {@code \\uHHHH}, so a report's
 * reason or host cannot move the cursor, retitle the window or reorder what the operator reads.
 * A backslash is doubled, so the escaped form is unambiguous.
 */
final class TerminalText {
    private TerminalText() {}

    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    private static String replacement(char c) {
        if (c == '\\') {
            return "\\\\";
        }
        if (Character.isISOControl(c)) {
            return String.format("\\x%02x", (int) c);
        }
        if (Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
