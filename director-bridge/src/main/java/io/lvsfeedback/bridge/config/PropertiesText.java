package io.lvsfeedback.bridge.config;

import io.lvsfeedback.model.file.BoundedFile;
import io.lvsfeedback.model.text.KeyValueText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code key = value} lines. Not {@link java.util.Properties}: that treats ':' as a
 * separator, and our keys contain service keys such as {@code tcp:10.0.0.10:80}.
 * {@code #} and {@code !} start comment lines; the first '=' separates key and value.
 */
public final class PropertiesText {
    /** Largest configuration file read: far beyond any real one, and a bound on what a wrong path costs. */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    private PropertiesText() {}

    /** The file's settings, in file order; the first problem is thrown. */
    public static Map<String, String> read(Path file) throws ConfigException {
        Problems problems = new Problems();
        FileSettings settings = read(file, problems);
        problems.throwIfAny(Map.of());
        return settings.values();
    }

    /**
     * The file's settings and the line of each; a bad line or a key set twice is recorded in
     * {@code problems} and the rest is read on. A file that cannot be read at all is thrown.
     */
    static FileSettings read(Path file, Problems problems) throws ConfigException {
        String text;
        try {
            text = BoundedFile.readText(file, MAX_FILE_BYTES);
        } catch (IOException e) {
            // BoundedFile's message starts with the path.
            throw new ConfigException("cannot read configuration file " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Problems.Origin> origins = new LinkedHashMap<>();
        KeyValueText.read(text, file.toString(), (key, value, line) -> {
            values.put(key, value);
            origins.put(key, new Problems.Origin(file + " line " + line, line));
        }, (message, line) -> problems.addAtLine(new ConfigException(message), line));
        return new FileSettings(values, origins);
    }

    /** Splits {@code key=value}; {@code where} says where the text came from, for the error. */
    public static Map.Entry<String, String> split(String text, String where) throws ConfigException {
        try {
            return KeyValueText.split(text, where);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** A file's settings in file order, and where each key was written. */
    record FileSettings(Map<String, String> values, Map<String, Problems.Origin> origins) {}
}
