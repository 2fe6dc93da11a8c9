package io.lvsfeedback.model.text;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one reader of {@code key = value} lines, for the agent's defaults and the bridge's files.
 * Not {@link java.util.Properties}: that treats ':' as a separator, and keys may contain service
 * keys such as {@code tcp:10.0.0.10:80}. {@code #} and {@code !} start comment lines; the first
 * '=' separates key and value; both are stripped. Errors are IllegalArgumentExceptions whose
 * message says where (callers wrap them in their own configuration error).
 */
public final class KeyValueText {

    private KeyValueText() {
    }

    /** Every {@code key=value} line of {@code text} in order; {@code source} names the text in errors. */
    public static Map<String, String> parse(String text, String source) {
        List<String> lines = text.lines().collect(Collectors.toList());
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            Map.Entry<String, String> kv = split(line, where);
            if (values.put(kv.getKey(), kv.getValue()) != null) {
                throw new IllegalArgumentException(where + ": '" + kv.getKey() + "' is set twice");
            }
        }
        return values;
    }

    /** Splits {@code key=value}; {@code where} says where the text came from, for the error. */
    public static Map.Entry<String, String> split(String text, String where) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(where + ": expected key=value, got '" + text + "'");
        }
        return new AbstractMap.SimpleImmutableEntry<>(text.substring(0, eq).strip(), text.substring(eq + 1).strip());
    }
}
