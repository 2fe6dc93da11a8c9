package io.lvsfeedback.bridge.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer (RFC 8259), hand-written because the bridge carries no JSON
 * library: it places the commas, escapes every string and writes non-finite numbers as
 * {@code null}. Misuse (a value where a name is due) is a programming error and throws.
 */
public final class JsonWriter {
    private final StringBuilder out;
    /** Per open container: true for an object; whether it has a member yet is in {@link #started}. */
    private final Deque<Boolean> objects = new ArrayDeque<>();
    private final Deque<Boolean> started = new ArrayDeque<>();
    private boolean nameWritten;

    public JsonWriter(StringBuilder out) {
        this.out = out;
    }

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        objects.push(true);
        started.push(false);
        return this;
    }

    public JsonWriter endObject() {
        end(true);
        out.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        objects.push(false);
        started.push(false);
        return this;
    }

    public JsonWriter endArray() {
        end(false);
        out.append(']');
        return this;
    }

    public JsonWriter name(String name) {
        if (objects.isEmpty() || !objects.peek() || nameWritten) {
            throw new IllegalStateException("a member name belongs directly in an object");
        }
        separate();
        string(out, name);
        out.append(':');
        nameWritten = true;
        return this;
    }

    public JsonWriter value(String s) {
        beforeValue();
        if (s == null) {
            out.append("null");
        } else {
            string(out, s);
        }
        return this;
    }

    public JsonWriter value(long n) {
        beforeValue();
        out.append(n);
        return this;
    }

    /** NaN and the infinities have no JSON form: {@code null}. */
    public JsonWriter value(double d) {
        beforeValue();
        out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        return this;
    }

    public JsonWriter value(boolean b) {
        beforeValue();
        out.append(b);
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    private void beforeValue() {
        if (!objects.isEmpty() && objects.peek()) {
            if (!nameWritten) {
                throw new IllegalStateException("a value in an object needs a name first");
            }
            nameWritten = false;
        } else {
            separate();
        }
    }

    private void separate() {
        if (!started.isEmpty()) {
            if (started.pop()) {
                out.append(',');
            }
            started.push(true);
        }
    }

    private void end(boolean object) {
        if (objects.isEmpty() || objects.peek() != object || nameWritten) {
            throw new IllegalStateException("closing " + (object ? "an object" : "an array") + " that is not open");
        }
        objects.pop();
        started.pop();
    }

    /**
     * Appends {@code s} as a JSON string: quotes, backslash, control characters, the two JavaScript
     * line separators and surrogates escaped (so even a lone surrogate survives the trip), the rest
     * as it is.
     */
    public static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** {@code s} as a JSON string. */
    public static String string(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        string(out, s);
        return out.toString();
    }
}
