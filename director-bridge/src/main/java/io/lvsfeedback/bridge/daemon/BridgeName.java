package io.lvsfeedback.bridge.daemon;

import io.lvsfeedback.bridge.config.BridgeConfig;
import java.nio.file.Path;

/**
 * The bridge's JMX name: {@code jmx-name} when set, else the configuration file's name without its
 * extension ({@code /etc/lvs-feedback/bridge.properties} gives {@code bridge}), else {@code bridge}.
 * Two bridges on one host need two files, so their default names differ too.
 */
final class BridgeName {
    static final String FALLBACK = "bridge";

    private BridgeName() {
    }

    static String of(BridgeConfig config, Path file) {
        if (!config.jmxName().isEmpty()) {
            return config.jmxName();
        }
        if (file == null || file.getFileName() == null) {
            return FALLBACK;
        }
        String base = file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        // the characters an unquoted ObjectName value (and a jmxterm script) takes as they are
        String plain = base.replaceAll("[^A-Za-z0-9._@-]", "-");
        return plain.isEmpty() || plain.length() > 64 ? FALLBACK : plain;
    }
}
