package io.lvsfeedback.agent.lifecycle;

import io.lvsfeedback.agent.util.AgentLog;
import io.lvsfeedback.agent.config.AgentConfig;
import io.lvsfeedback.agent.realserver.Forwarding;
import io.lvsfeedback.agent.realserver.NetworkMode;
import io.lvsfeedback.agent.realserver.Check;
import io.lvsfeedback.agent.realserver.RealServerSettings;
import io.lvsfeedback.agent.realserver.RealServerSetup;
import io.lvsfeedback.model.agent.CheckView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Connects the realserver part ({@link RealServerSetup}) to the agent: applies it at start, logs
 * every failed check with its fix, re-verifies on a thread of its own (a slow check must not
 * delay the reports), and passes changes on as notifications.
 */
public final class RealServerNetwork implements NetworkSetup {
    private static final AgentLog LOG = AgentLog.of(RealServerNetwork.class);

    private final RealServerSetup setup;
    private final ScheduledExecutorService reverifier;
    private volatile List<CheckView> checks = Collections.emptyList();
    private volatile Consumer<String> onChange = m -> {};

    private RealServerNetwork(RealServerSetup setup) {
        this.setup = setup;
        this.reverifier = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lvs-agent-network");
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether this configuration has real-server network work to do (else {@link #from} is {@link NetworkSetup#NONE}). */
    public static boolean applies(AgentConfig config) {
        return config.network() != NetworkMode.OFF && (!config.vips().isEmpty() || config.forwarding() == Forwarding.NAT);
    }

    /** The setup for this configuration, or {@link NetworkSetup#NONE} when there is nothing to do. */
    public static NetworkSetup from(AgentConfig config) {
        if (!applies(config)) {
            return NONE;
        }
        RealServerSettings settings = settings(config);
        RealServerNetwork net = new RealServerNetwork(RealServerSetup.create(settings));
        net.start();
        return net;
    }

    static RealServerSettings settings(AgentConfig config) {
        RealServerSettings.Builder b = RealServerSettings.builder()
                .vips(config.vips())
                .forwarding(config.forwarding())
                .mode(config.network())
                .outwardInterfaces(config.interfaces())
                .director(config.director())
                .reverifyInterval(config.reverifyInterval())
                .sysctlRoot(config.sysctlRoot())
                .sharedDir(config.sharedDir());
        return b.build();
    }

    private void start() {
        List<Check> result = setup.apply();
        update(result);
        String mode = setup.settings().mode().name().toLowerCase(Locale.ROOT);
        if (!setup.sharedRecordProblem().isEmpty()) {
            LOG.warn("real-server network: " + setup.sharedRecordProblem());
        }
        long failed = result.stream().filter(c -> !c.ok()).count();
        if (failed == 0) {
            LOG.info("real-server network (" + mode + "): " + result.size() + " check(s) passed");
        } else {
            LOG.warn("real-server network (" + mode + "): " + failed + " of " + result.size() + " check(s) failed");
            for (Check c : result) {
                if (!c.ok()) {
                    LOG.warn("  " + c);
                }
            }
            List<String> fixes = RealServerSetup.fixCommands(result);
            if (!fixes.isEmpty()) {
                LOG.warn("  to fix as root: " + String.join(" ; ", fixes));
            }
        }
        setup.startReverify(this::changed, reverifier);
    }

    private void changed(List<Check> changed, List<Check> current) {
        update(current);
        for (Check c : changed) {
            String message = "network check changed: " + c;
            LOG.warn(message);
            try {
                onChange.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("check listener failed: " + e);
            }
        }
    }

    private void update(List<Check> result) {
        List<CheckView> views = new ArrayList<>();
        for (Check c : result) {
            views.add(new CheckView(c.name(), c.expected(), c.actual(), c.ok(), c.fix()));
        }
        checks = Collections.unmodifiableList(views);
    }

    @Override
    public void onChange(Consumer<String> listener) {
        this.onChange = listener;
    }

    @Override
    public List<CheckView> checks() {
        return checks;
    }

    @Override
    public void undo() {
        for (Check c : setup.undo()) {
            LOG.info("undone: " + c);
        }
    }

    @Override
    public void close() {
        reverifier.shutdownNow();
        setup.close();
    }
}
