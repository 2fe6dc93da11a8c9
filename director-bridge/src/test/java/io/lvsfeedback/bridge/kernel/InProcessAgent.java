package io.lvsfeedback.bridge.kernel;

import io.lvsfeedback.agent.config.ConfigLoader;
import io.lvsfeedback.agent.lifecycle.AgentRuntime;
import io.lvsfeedback.agent.lifecycle.NetworkSetup;
import io.lvsfeedback.agent.report.AdminControl;
import io.lvsfeedback.agent.util.AgentClock;
import io.lvsfeedback.model.agent.CheckView;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The real agent's runtime (feedback server, reporter, admin control, sampling) bound to one real
 * server's address, in the test's JVM: a JVM start under the lab's emulation costs 40-200 s. Only
 * the real-server network part is replaced: it either passes or, for a {@code down} agent, fails a
 * VIP check. {@link #kill()} closes everything at once without the shutdown drain, which is what a
 * {@code kill -9} of the application leaves the bridge: a port that refuses connections and no
 * last {@code drain} report.
 */
final class InProcessAgent implements AutoCloseable {
    private final AgentRuntime runtime;

    private InProcessAgent(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    /** Starts an agent on {@code address:port}; {@code vipMissing} makes it report {@code down}. */
    static InProcessAgent start(String address, int port, Path secretFile, boolean vipMissing) throws Exception {
        String args = "bind=" + address + ",port=" + port + ",secret-file=" + secretFile
                + ",jmx=off,network=off,drain-timeout=0s";
        NetworkSetup network = vipMissing ? missingVip() : NetworkSetup.NONE;
        AgentRuntime rt = AgentRuntime.start(ConfigLoader.load(args, new Properties()), AgentClock.SYSTEM, c -> network);
        rt.completeStart();
        return new InProcessAgent(rt);
    }

    AdminControl admin() {
        return runtime.reporter().admin();
    }

    /** The feedback port goes away at once, with no drain report first. */
    void kill() {
        runtime.close();
    }

    @Override
    public void close() {
        runtime.close();
    }

    private static NetworkSetup missingVip() {
        return new NetworkSetup() {
            @Override
            public List<CheckView> checks() {
                return List.of(new CheckView("vip on lo", "present", "absent", false, "ip address add VIP/32 dev lo"));
            }

            @Override
            public void undo() {}

            @Override
            public void close() {}
        };
    }
}
