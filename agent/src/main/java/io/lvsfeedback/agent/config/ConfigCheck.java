package io.lvsfeedback.agent.config;

import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Checks agent settings the way the agent loads them ({@link ConfigLoader}, {@link AgentConfig}),
 * without starting anything, and finds every problem instead of the first: for
 * {@code java -jar lvs-agent.jar check}.
 */
public final class ConfigCheck {
    private ConfigCheck() {}

    /** Every problem of these agent arguments (with their config file and system properties); empty when valid. */
    public static List<String> problems(String agentArgs, Properties systemProperties) {
        List<ConfigException> found = new ArrayList<>();
        Map<String, String> origins = new LinkedHashMap<>();
        Map<String, String> merged;
        try {
            merged = ConfigLoader.merge(agentArgs, systemProperties, found::add, origins);
        } catch (ConfigException e) {
            throw new IllegalStateException("a collecting sink never throws", e);
        }
        AgentConfig config = validate(merged, ConfigLoader.defaults(), found);
        if (config != null && config.secretFile() != null) {
            try {
                SharedSecret.fromFile(config.secretFile());
            } catch (IOException | IllegalArgumentException e) {
                found.add(new ConfigException(AgentConfig.Keys.SECRET_FILE, config.secretFile().toString(),
                        "the agent could not load it: " + e.getMessage()));
            }
        }
        List<String> out = new ArrayList<>();
        for (ConfigException e : found) {
            String where = origins.get(e.key());
            out.add(e.getMessage() + (where == null ? "" : " (" + where + ")"));
        }
        return out;
    }

    /**
     * {@link AgentConfig} stops at its first bad value: put that key back to its default and
     * validate again, until it passes. A problem whose key already has its default (a rule across
     * settings, e.g. configure without a vip) cannot be stepped over: it is the last one found.
     */
    private static AgentConfig validate(Map<String, String> merged, Map<String, String> defaults, List<ConfigException> found) {
        Map<String, String> settings = new LinkedHashMap<>(merged);
        for (int round = 0; round <= settings.size(); round++) {
            try {
                return AgentConfig.of(settings);
            } catch (ConfigException e) {
                found.add(e);
                String fallback = defaults.get(e.key());
                if (fallback == null || Objects.equals(settings.get(e.key()), fallback)) {
                    return null;
                }
                settings.put(e.key(), fallback);
            }
        }
        return null;
    }
}
