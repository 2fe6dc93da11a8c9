package io.lvsfeedback.model.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Builds the project's ObjectNames ({@code lvsfeedback:type=X,...,name=Y}). A value made of plain
 * characters stays unquoted, so a jmxterm script or a JConsole tree shows it as written; anything
 * else (a service key's colons, a space) is quoted.
 */
public final class JmxNames {
    private JmxNames() {
    }

    /**
     * @param typePrefix e.g. {@code lvsfeedback:type=Agent}
     * @param keyValues  further key/value pairs in order, e.g. {@code "bridge", "b1", "name", "x"}
     */
    public static ObjectName of(String typePrefix, String... keyValues) {
        StringBuilder b = new StringBuilder(typePrefix);
        for (int i = 0; i < keyValues.length; i += 2) {
            b.append(',').append(keyValues[i]).append('=').append(value(keyValues[i], keyValues[i + 1]));
        }
        try {
            return new ObjectName(b.toString());
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("bad ObjectName " + b, e);
        }
    }

    /** The value as it appears in an ObjectName: unchanged when plain, else quoted. */
    public static String value(String key, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty '" + key + "' in an ObjectName");
        }
        return value.matches("[A-Za-z0-9._@-]+") ? value : ObjectName.quote(value);
    }
}
