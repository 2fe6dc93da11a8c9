package io.lvsfeedback.bridge.config;

import io.lvsfeedback.model.file.BoundedFile;
import io.lvsfeedback.model.text.KeyValueText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the bridge's {@code key = value} files through the shared {@link KeyValueText} (see there
 * why not {@link java.util.Properties}), turning its errors into {@link ConfigException}s.
 */
public final class PropertiesText {
    /** Largest configuration file read: far beyond any real one, and a bound on what a wrong path costs. */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    private PropertiesText() {}

    public static Map<String, String> read(Path file) throws ConfigException {
        String text;
        try {
            text = BoundedFile.readText(file, MAX_FILE_BYTES);
        } catch (IOException e) {
            // BoundedFile's message starts with the path.
            throw new ConfigException("cannot read configuration file " + e.getMessage(), e);
        }
        try {
            return KeyValueText.parse(text, file.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** Splits {@code key=value}; {@code where} says where the text came from, for the error. */
    public static Map.Entry<String, String> split(String text, String where) throws ConfigException {
        try {
            return KeyValueText.split(text, where);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
