package io.lvsfeedback.bridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The bridge's version, from a resource Maven writes at build time. */
public final class BuildInfo {
    private static final String VERSION = load();

    private BuildInfo() {}

    /** E.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the resource is missing (never in a built jar). */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/lvsfeedback/bridge/build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
