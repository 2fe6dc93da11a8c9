package io.lvsfeedback.bridge.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the configuration comes from: a file (or none) plus {@code --set} overrides; read again on reload. */
public final class ConfigSource {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigSource.class);
    private final Path file;
    private final Map<String, String> overrides;

    public ConfigSource(Path file, Map<String, String> overrides) {
        this.file = file;
        this.overrides = Map.copyOf(new LinkedHashMap<>(overrides));
    }

    /** Reads and validates; what is usable but unsafe is logged as a warning each time. */
    public BridgeConfig load() throws ConfigException {
        BridgeConfig config = BridgeConfig.load(file, overrides);
        config.warnings().forEach(w -> LOG.warn("{}", w));
        return config;
    }

    public Path file() {
        return file;
    }
}
