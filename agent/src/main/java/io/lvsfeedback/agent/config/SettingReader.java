package io.lvsfeedback.agent.config;

import io.lvsfeedback.model.text.DurationText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Typed reads of the merged settings; every failure is a {@link ConfigException} naming the key
 * and the value. The one place where values are validated.
 */
final class SettingReader {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");

    private final Map<String, String> settings;

    SettingReader(Map<String, String> settings) {
        this.settings = settings;
    }

    String text(String key) {
        String v = settings.get(key);
        if (v == null) {
            throw new IllegalStateException("no default for " + key + " in defaults.properties");
        }
        return v.trim();
    }

    <E extends Enum<E>> E choice(String key, Class<E> type) throws ConfigException {
        String v = text(key);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw new ConfigException(key, v, "expected one of " + names);
    }

    boolean onOff(String key) throws ConfigException {
        String v = text(key).toLowerCase(Locale.ROOT);
        switch (v) {
            case "on":
            case "true":
            case "yes":
                return true;
            case "off":
            case "false":
            case "no":
                return false;
            default:
                throw new ConfigException(key, v, "expected on or off");
        }
    }

    int integer(String key, int min, int max) throws ConfigException {
        String v = text(key);
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key, v, "expected a whole number " + min + ".." + max);
    }

    double number(String key, double min, double max) throws ConfigException {
        String v = text(key);
        try {
            double d = Double.parseDouble(v);
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key, v, "expected a number " + min + ".." + max);
    }

    int integer(String key, SettingRanges.WholeNumbers range) throws ConfigException {
        return integer(key, range.min, range.max);
    }

    double number(String key, SettingRanges.Numbers range) throws ConfigException {
        return number(key, range.min, range.max);
    }

    Duration duration(String key, SettingRanges.Durations range) throws ConfigException {
        return duration(key, range.min, range.max);
    }

    Duration duration(String key, Duration min, Duration max) throws ConfigException {
        String v = text(key);
        Duration d = DurationText.parse(v, false).orElseThrow(() -> new ConfigException(key, v,
                "expected a duration with unit ms, s or m (e.g. 500ms, 30s)"));
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ConfigException(key, v, "must be between " + format(min) + " and " + format(max));
        }
        return d;
    }

    /** An IP literal, or null for an empty value. Never a host name: no DNS look-up at start-up. */
    InetAddress address(String key) throws ConfigException {
        String v = text(key);
        return v.isEmpty() ? null : literal(key, v);
    }

    List<InetAddress> addresses(String key) throws ConfigException {
        List<InetAddress> out = new ArrayList<>();
        for (String item : items(key)) {
            InetAddress a = literal(key, item);
            if (out.contains(a)) {
                throw new ConfigException(key, text(key), "address " + item + " given twice");
            }
            out.add(a);
        }
        return Collections.unmodifiableList(out);
    }

    /** Interface names; empty for {@code auto}. */
    List<String> interfaces(String key) throws ConfigException {
        if (text(key).equalsIgnoreCase("auto")) {
            return Collections.emptyList();
        }
        List<String> out = new ArrayList<>();
        for (String item : items(key)) {
            if (!INTERFACE.matcher(item).matches()) {
                throw new ConfigException(key, text(key), "'" + item + "' is not an interface name");
            }
            out.add(item);
        }
        if (out.isEmpty()) {
            throw new ConfigException(key, text(key), "expected auto or interface names separated by ';'");
        }
        return Collections.unmodifiableList(out);
    }

    Path path(String key) throws ConfigException {
        String v = text(key);
        return v.isEmpty() ? null : toPath(key, v);
    }

    List<Path> paths(String key) throws ConfigException {
        List<Path> out = new ArrayList<>();
        for (String item : items(key)) {
            out.add(toPath(key, item));
        }
        return Collections.unmodifiableList(out);
    }

    private List<String> items(String key) {
        List<String> out = new ArrayList<>();
        for (String part : text(key).split(";")) {
            if (!part.trim().isEmpty()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private Path toPath(String key, String v) throws ConfigException {
        try {
            return Paths.get(v);
        } catch (InvalidPathException e) {
            throw new ConfigException(key, v, "not a valid path (" + e.getReason() + ")");
        }
    }

    private static InetAddress literal(String key, String v) throws ConfigException {
        String s = v.startsWith("[") && v.endsWith("]") ? v.substring(1, v.length() - 1) : v;
        java.util.regex.Matcher m = IPV4.matcher(s);
        boolean ok;
        if (m.matches()) {
            ok = true;
            for (int i = 1; i <= 4; i++) {
                ok &= Integer.parseInt(m.group(i)) <= 255;
            }
        } else {
            // A ':' makes InetAddress parse it as an IPv6 literal; it never resolves it.
            ok = s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+");
        }
        if (ok) {
            try {
                return InetAddress.getByName(s);
            } catch (UnknownHostException e) {
                // reported below
            }
        }
        throw new ConfigException(key, v, "'" + s + "' is not an IPv4 or IPv6 address");
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 60_000 == 0 && ms > 0 ? ms / 60_000 + "m" : ms % 1000 == 0 && ms > 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
