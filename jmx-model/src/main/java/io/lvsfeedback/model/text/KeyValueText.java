package io.lvsfeedback.model.text;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        Map<String, String> values = new LinkedHashMap<>();
        read(text, source, (key, value, line) -> values.put(key, value), (message, line) -> {
            throw new IllegalArgumentException(message);
        });
        return values;
    }

    /** Receives each setting with its 1-based line number. */
    public interface Settings {
        void setting(String key, String value, int line);
    }

    /** Receives each bad line (no '=', or a key set twice) with its message and 1-based line number. */
    public interface Problems {
        void problem(String message, int line);
    }

    /**
     * Reads every line of {@code text}: a setting goes to {@code settings}, a bad line to
     * {@code problems} and the reading goes on, so a caller can report every problem at once.
     */
    public static void read(String text, String source, Settings settings, Problems problems) {
        List<String> lines = text.lines().collect(Collectors.toList());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.problem(where + ": expected key=value, got '" + line + "'", i + 1);
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (!seen.add(key)) {
                problems.problem(where + ": '" + key + "' is set twice", i + 1);
                continue;
            }
            settings.setting(key, line.substring(eq + 1).strip(), i + 1);
        }
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
