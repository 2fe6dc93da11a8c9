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
        Map<String, String> defaults = defaults();
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        for (String key : defaults.keySet()) {
            String v = systemProperties.getProperty(SYSTEM_PROPERTY_PREFIX + key);
            if (v != null) {
                merged.put(key, v);
            }
        }
        Map<String, String> args = AgentArguments.parse(agentArgs);
        String file = args.containsKey(AgentConfig.Keys.CONFIG) ? args.get(AgentConfig.Keys.CONFIG)
                : systemProperties.getProperty(SYSTEM_PROPERTY_PREFIX + AgentConfig.Keys.CONFIG);
        if (file != null && !file.isEmpty()) {
            putKnown(merged, defaults, readFile(file), "in config file " + file);
        }
        args.remove(AgentConfig.Keys.CONFIG);
        putKnown(merged, defaults, args, "in the agent arguments");
        return AgentConfig.of(merged);
    }

    private static void putKnown(Map<String, String> merged, Map<String, String> defaults,
            Map<String, String> source, String where) throws ConfigException {
        for (Map.Entry<String, String> e : source.entrySet()) {
            if (!defaults.containsKey(e.getKey())) {
                throw new ConfigException(e.getKey(), e.getValue(), "unknown key " + where
                        + " (known: config, " + String.join(", ", defaults.keySet()) + ")");
            }
            merged.put(e.getKey(), e.getValue());
        }
    }

    private static Map<String, String> readFile(String file) throws ConfigException {
        Path path;
        try {
            path = Paths.get(file);
        } catch (RuntimeException e) {
            throw new ConfigException(AgentConfig.Keys.CONFIG, file, "not a valid path");
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(BoundedFile.readText(path, MAX_FILE_BYTES)));
        } catch (IOException e) {
            throw new ConfigException(AgentConfig.Keys.CONFIG, file, "cannot read it: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(AgentConfig.Keys.CONFIG, file, "cannot read it: " + e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            out.put(name.trim(), p.getProperty(name).trim());
        }
        return out;
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
