package io.lvsfeedback.bridge.engine;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.bridge.config.ConfigException;
import io.lvsfeedback.bridge.config.ConfigSource;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the engine's configuration without a restart. A configuration that fails validation is
 * rejected with its message, and the running one stays.
 */
public final class Reloader {
    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

    private final ConfigSource source;
    private final BridgeEngine engine;
    private volatile String lastResult = "none since start";

    public Reloader(ConfigSource source, BridgeEngine engine) {
        this.source = source;
        this.engine = engine;
    }

    /** Re-reads the file and the command-line overrides. */
    public synchronized String reload() {
        try {
            engine.config(source.load());
            lastResult = "reloaded";
            LOG.info("configuration reloaded from {}", source.file());
        } catch (ConfigException e) {
            lastResult = "rejected: " + e.getMessage();
            LOG.warn("new configuration rejected, the running one stays: {}", e.getMessage());
        }
        return lastResult;
    }

    /**
     * Changes settings live (JMX attributes), validated like the file.
     *
     * @throws IllegalArgumentException with the validation message; nothing changes then
     */
    public synchronized void change(Map<String, String> changes) {
        try {
            BridgeConfig next = engine.config().with(changes);
            engine.config(next);
            LOG.info("live setting changed: {}", changes);
        } catch (ConfigException e) {
            // The message only: this reaches remote JMX clients (jmxterm, JConsole), which cannot
            // deserialize the bridge's own exception classes (a refused write showed up there as
            // "NotSerializableException: ConfigProblem" instead of why it was refused).
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    public String lastResult() {
        return lastResult;
    }
}
