package io.lvsfeedback.bridge.engine;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.bridge.config.Setting;
import io.lvsfeedback.bridge.ipvs.ServiceDestination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destinations' memories ({@link Remembered}) across restarts. Without them a restarted
 * bridge takes its own scaled weights as bases, and its own drain's 0 for a health checker's
 * quiesce that it must never raise; so a bridge without {@code state-file} still keeps a file:
 * the first writable of its default places, else memory only, said in one warning.
 */
final class StateStore {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    /** Tried in order when {@code state-file} is not set; /run is lost at reboot, as is the IPVS table. */
    static final List<Path> DEFAULT_FILES = List.of(Path.of(Setting.STATE_FILE.defaultValue()),
            Path.of("/run/lvs-feedback/bridge.state"));

    private final List<Path> defaults;
    private final RateLimitedLog failures;
    private Location location;
    /** What the file said at start; entries are taken as destinations are first seen. */
    private Map<ServiceDestination, Remembered> remembered;
    private boolean changed;

    StateStore(List<Path> defaults, RateLimitedLog failures) {
        this.defaults = List.copyOf(defaults);
        this.failures = failures;
    }

    /** Where the state goes for one {@code state-file} setting; {@code file} null: memory only. */
    private record Location(Path setting, boolean defaulted, Path file) {
        boolean serves(BridgeConfig cfg) {
            return defaulted == cfg.stateFileDefaulted() && Objects.equals(setting, cfg.stateFile());
        }
    }

    /** What a destination seen for the first time remembers from before a restart, or null. */
    Remembered take(BridgeConfig cfg, ServiceDestination key) {
        if (remembered == null) {
            remembered = new HashMap<>(load(location(cfg).file()));
        }
        return remembered.remove(key);
    }

    /** Something worth remembering changed: the next {@link #saveIfChanged} writes. */
    void changed() {
        changed = true;
    }

    void saveIfChanged(BridgeConfig cfg, Collection<ServiceState> services) {
        if (!changed) {
            return;
        }
        save(cfg, services, Map.of());
    }

    /**
     * Saved just before a batch, with each weight on its way: a bridge killed between the write
     * and the next save finds its own weights in the kernel after the restart, not another party's
     * (which would become new bases and grow by the load factor again).
     */
    void saveIntent(BridgeConfig cfg, Collection<ServiceState> services, Map<DestinationState, Integer> pending) {
        save(cfg, services, pending);
        changed = true; // the intent is not the outcome: save again after the batch
    }

    private void save(BridgeConfig cfg, Collection<ServiceState> services, Map<DestinationState, Integer> pending) {
        Path file = location(cfg).file();
        if (file == null) {
            changed = false;
            return;
        }
        Map<ServiceDestination, Remembered> now = new LinkedHashMap<>();
        for (ServiceState s : services) {
            for (DestinationState d : s.destinations()) {
                now.put(new ServiceDestination(s.key(), d.key()), d.remember(pending.getOrDefault(d, Remembered.NONE)));
            }
        }
        try {
            StateFile.write(file, now);
            changed = false;
            failures.clear("state");
        } catch (IOException e) {
            failures.warn("state", "cannot write state file " + file + ": " + e.getMessage());
        }
    }

    /** The file in use now, or null when the state is kept in memory only. */
    Path file(BridgeConfig cfg) {
        return location(cfg).file();
    }

    private static Map<ServiceDestination, Remembered> load(Path file) {
        if (file == null) {
            return Map.of();
        }
        try {
            Map<ServiceDestination, Remembered> read = StateFile.read(file);
            LOG.info("remembered bases of {} destination(s) from {}", read.size(), file);
            return read;
        } catch (IOException e) {
            LOG.warn("cannot read state file {} ({}); bases come from the kernel's weights", file, e.getMessage());
            return Map.of();
        }
    }

    /** Chosen once per setting (a reload may change it): the state is not read again, only written there. */
    private Location location(BridgeConfig cfg) {
        if (location == null || !location.serves(cfg)) {
            location = new Location(cfg.stateFile(), cfg.stateFileDefaulted(),
                    cfg.stateFileDefaulted() ? firstWritable() : cfg.stateFile());
        }
        return location;
    }

    /** The first default place a state file can be written to; null (memory) when none can. */
    private Path firstWritable() {
        List<String> refused = new ArrayList<>();
        for (Path candidate : defaults) {
            String why = unwritable(candidate);
            if (why == null) {
                if (!refused.isEmpty()) {
                    LOG.warn("state file {}; using {} instead (set 'state-file' to choose)", String.join("; ", refused), candidate);
                }
                return candidate;
            }
            refused.add(candidate + " cannot be written (" + why + ")");
        }
        LOG.warn("state file {}; keeping the state in memory only: after a restart the kernel's weights become the bases"
                + " and a 0 the bridge wrote looks like a health checker's (set 'state-file' to a writable file)",
                String.join("; ", refused));
        return null;
    }

    /** Null when a state file can be written at {@code file}, else why not. */
    private static String unwritable(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".bridge-state", ".probe")); // StateFile.write's way in
            return null;
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }
}
