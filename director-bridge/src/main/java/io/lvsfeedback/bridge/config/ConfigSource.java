package io.lvsfeedback.bridge.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where the configuration comes from: a file (or none) plus {@code --set} overrides; read again on reload. */
public final class ConfigSource {
    private final Path file;
    private final Map<String, String> overrides;

    public ConfigSource(Path file, Map<String, String> overrides) {
        this.file = file;
        this.overrides = Map.copyOf(new LinkedHashMap<>(overrides));
    }

    public BridgeConfig load() throws ConfigException {
        return BridgeConfig.load(file, overrides);
    }

    public Path file() {
        return file;
    }
}
