package io.lvsfeedback.bridge.config;

import io.lvsfeedback.bridge.ipvs.Endpoints;
import io.lvsfeedback.model.text.DurationText;
import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Typed reads of raw configuration text; every error names the key and the value. */
final class Values {
    private Values() {}

    static int integer(String key, String value, int min, int max) throws ConfigException {
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) {
                throw bad(key, value, "must be " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(key, value, "not an integer");
        }
    }

    static double decimal(String key, String value, double min, double max) throws ConfigException {
        try {
            double v = Double.parseDouble(value.trim());
            if (!(v >= min && v <= max)) {
                throw bad(key, value, "must be " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(key, value, "not a number");
        }
    }

    static boolean bool(String key, String value) throws ConfigException {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "on":
                return true;
            case "false":
            case "no":
            case "off":
                return false;
            default:
                throw bad(key, value, "expected true or false");
        }
    }

    /** {@code 1500}, {@code 1500ms}, {@code 2s}, {@code 1m}: milliseconds (the shared {@link DurationText}). */
    static long millis(String key, String value, long min, long max) throws ConfigException {
        Optional<Duration> d = DurationText.parse(value, true);
        if (d.isEmpty()) {
            throw bad(key, value, "expected a duration such as 500ms, 2s or 1m");
        }
        long ms = d.get().toMillis();
        if (ms < min || ms > max) {
            throw bad(key, value, "must be " + min + ".." + max + " ms");
        }
        return ms;
    }

    static List<Integer> ports(String key, String value) throws ConfigException {
        List<Integer> ports = new ArrayList<>();
        for (String p : value.split(",")) {
            ports.add(integer(key, p, 1, 65535));
        }
        return ports;
    }

    static InetSocketAddress endpoint(String key, String value) throws ConfigException {
        try {
            return Endpoints.parse(value, -1);
        } catch (IllegalArgumentException e) {
            throw bad(key, value, e.getMessage());
        }
    }

    /** A file path, or null for empty text; a NUL byte (say) is a ConfigException, not InvalidPathException. */
    static Path path(String key, String value) throws ConfigException {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw bad(key, value.replace("\0", "\\0"), "not a valid path (" + e.getReason() + ")");
        }
    }

    static ConfigException bad(String key, String value, String why) {
        return new ConfigException(key, "'" + key + "' = '" + value + "': " + why);
    }
}
