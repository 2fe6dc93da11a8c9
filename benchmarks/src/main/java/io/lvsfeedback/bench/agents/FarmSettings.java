package io.lvsfeedback.bench.agents;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the fake agent farm, parsed from {@code key=value} arguments. Every key has a default;
 * an unknown key or a bad value fails with a message naming it.
 */
record FarmSettings(InetAddress bind, int port, Path secretFile, int workers, int durationSeconds,
                    double jitter, int statsEverySeconds) {

    private static final Set<String> KEYS =
            Set.of("bind", "port", "secret-file", "workers", "duration", "jitter", "stats-every");

    static FarmSettings parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("argument '" + arg + "' is not key=value");
            }
            String key = arg.substring(0, eq);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' (known: " + KEYS + ")");
            }
            values.put(key, arg.substring(eq + 1));
        }
        String secret = values.get("secret-file");
        return new FarmSettings(
                address(values.getOrDefault("bind", "0.0.0.0")),
                intIn(values, "port", 3333, 0, 65535),
                secret == null ? null : Path.of(secret),
                intIn(values, "workers", 8, 1, 256),
                intIn(values, "duration", 600, 1, 86_400),
                doubleIn(values, "jitter", 0.05, 0.0, 0.5),
                intIn(values, "stats-every", 10, 1, 3600));
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind: '" + text + "' is not an address", e);
        }
    }

    private static int intIn(Map<String, String> values, String key, int def, int min, int max) {
        String text = values.get(key);
        if (text == null) {
            return def;
        }
        try {
            int v = Integer.parseInt(text);
            if (v < min || v > max) {
                throw new IllegalArgumentException(key + ": " + v + " is outside " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not an integer", e);
        }
    }

    private static double doubleIn(Map<String, String> values, String key, double def, double min, double max) {
        String text = values.get(key);
        if (text == null) {
            return def;
        }
        try {
            double v = Double.parseDouble(text);
            if (!(v >= min && v <= max)) {
                throw new IllegalArgumentException(key + ": " + v + " is outside " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a number", e);
        }
    }
}
