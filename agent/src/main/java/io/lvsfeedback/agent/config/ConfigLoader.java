package io.lvsfeedback.agent.config;

import io.lvsfeedback.model.file.BoundedFile;
import io.lvsfeedback.model.text.KeyValueText;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Merges the setting sources with a fixed precedence: agent arguments, then the {@code config=FILE}
 * properties, then system properties {@code lvsfeedback.KEY}, then the defaults resource.
 */
public final class ConfigLoader {
    public static final String SYSTEM_PROPERTY_PREFIX = "lvsfeedback.";
    private static final String DEFAULTS = "defaults.properties";
    /** Largest config file read: far beyond any real one, and a bound on what a wrong path costs. */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    private ConfigLoader() {}

    /** Loads from the agent argument string and this JVM's system properties. */
    public static AgentConfig load(String agentArgs) throws ConfigException {
        return load(agentArgs, System.getProperties());
    }

    public static AgentConfig load(String agentArgs, Properties systemProperties) throws ConfigException {
        return AgentConfig.of(merge(agentArgs, systemProperties, ProblemSink.THROW, new LinkedHashMap<>()));
    }

    /**
     * Every setting, merged by precedence (defaults included). A bad argument, an unreadable file or
     * an unknown key goes to {@code problems} and is left out; {@code origins} learns where each
     * setting that is not a default came from (for the check command's messages).
     */
    static Map<String, String> merge(String agentArgs, Properties systemProperties, ProblemSink problems,
            Map<String, String> origins) throws ConfigException {
        Map<String, String> defaults = defaults();
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        for (String key : defaults.keySet()) {
            String v = systemProperties.getProperty(SYSTEM_PROPERTY_PREFIX + key);
            if (v != null) {
                merged.put(key, v);
                origins.put(key, "system property " + SYSTEM_PROPERTY_PREFIX + key);
            }
        }
        Map<String, String> args = AgentArguments.parse(agentArgs, problems);
        String file = args.containsKey(AgentConfig.Keys.CONFIG) ? args.get(AgentConfig.Keys.CONFIG)
                : systemProperties.getProperty(SYSTEM_PROPERTY_PREFIX + AgentConfig.Keys.CONFIG);
        if (file != null && !file.isEmpty()) {
            Map<String, String> fileOrigins = new LinkedHashMap<>();
            Map<String, String> fromFile = readFile(file, fileOrigins, problems);
            putKnown(merged, defaults, fromFile, "in config file " + file, problems);
            fileOrigins.forEach((k, where) -> {
                if (defaults.containsKey(k)) {
                    origins.put(k, where);
                }
            });
        }
        args.remove(AgentConfig.Keys.CONFIG);
        putKnown(merged, defaults, args, "in the agent arguments", problems);
        for (String key : args.keySet()) {
            if (defaults.containsKey(key)) {
                origins.put(key, "agent arguments");
            }
        }
        return merged;
    }

    private static void putKnown(Map<String, String> merged, Map<String, String> defaults,
            Map<String, String> source, String where, ProblemSink problems) throws ConfigException {
        for (Map.Entry<String, String> e : source.entrySet()) {
            if (!defaults.containsKey(e.getKey())) {
                problems.report(new ConfigException(e.getKey(), e.getValue(), "unknown key " + where
                        + " (known: config, " + String.join(", ", defaults.keySet()) + ")"));
            } else {
                merged.put(e.getKey(), e.getValue());
            }
        }
    }

    /** The file's settings (empty after reporting a file that cannot be read); {@code origins} gets each key's line. */
    private static Map<String, String> readFile(String file, Map<String, String> origins, ProblemSink problems)
            throws ConfigException {
        Path path;
        try {
            path = Paths.get(file);
        } catch (RuntimeException e) {
            problems.report(new ConfigException(AgentConfig.Keys.CONFIG, file, "not a valid path"));
            return Map.of();
        }
        Properties p = new Properties();
        String text;
        try {
            text = BoundedFile.readText(path, MAX_FILE_BYTES);
            p.load(new StringReader(text));
        } catch (IOException e) {
            problems.report(new ConfigException(AgentConfig.Keys.CONFIG, file, "cannot read it: " + e.getMessage()));
            return Map.of();
        } catch (IllegalArgumentException e) {
            problems.report(new ConfigException(AgentConfig.Keys.CONFIG, file, "cannot read it: " + e));
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (String name : p.stringPropertyNames()) {
            out.put(name.trim(), p.getProperty(name).trim());
            origins.put(name.trim(), "config file " + file + lineOf(lines, name.trim()));
        }
        return out;
    }

    /** " line N" of the first line that sets {@code key} plainly (no escapes, no continuation); "" when none does. */
    private static String lineOf(String[] lines, String key) {
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith(key) && (l.length() == key.length() || "=: \t".indexOf(l.charAt(key.length())) >= 0)) {
                return " line " + (i + 1);
            }
        }
        return "";
    }

    /** The defaults resource, in file order. */
    public static Map<String, String> defaults() {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " missing from the agent jar");
            }
            out.putAll(KeyValueText.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULTS));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS, e);
        }
        return out;
    }
}
