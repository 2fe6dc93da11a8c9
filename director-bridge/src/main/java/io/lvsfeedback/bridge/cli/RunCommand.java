package io.lvsfeedback.bridge.cli;

import io.lvsfeedback.bridge.config.ConfigException;
import io.lvsfeedback.bridge.config.ConfigSource;
import io.lvsfeedback.bridge.config.PropertiesText;
import io.lvsfeedback.bridge.daemon.BridgeDaemon;
import io.lvsfeedback.bridge.engine.DestinationState;
import io.lvsfeedback.bridge.engine.ServiceState;
import io.lvsfeedback.bridge.ipvs.IpvsException;
import io.lvsfeedback.bridge.ipvs.NetlinkIpvsTable;
import io.lvsfeedback.bridge.policy.Decision;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: the daemon. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the bridge: follow IPVS, poll the agents, write weights. Stops on SIGTERM/Ctrl-C.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (key = value lines)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a setting; repeatable")
    List<String> sets = List.of();

    @Option(names = "--dry-run", description = "compute and show everything, write nothing")
    boolean dryRun;

    @Option(names = "--cycles", paramLabel = "N", description = "stop after N cycles and print the decisions (0: run until stopped)")
    int cycles;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> overrides = new LinkedHashMap<>();
        try {
            for (String s : sets) {
                Map.Entry<String, String> kv = PropertiesText.split(s, "--set");
                overrides.put(kv.getKey(), kv.getValue());
            }
            ConfigSource source = new ConfigSource(config, overrides);
            source.load(); // fail before opening anything
            NetlinkIpvsTable table = NetlinkIpvsTable.open();
            BridgeDaemon daemon = BridgeDaemon.start(source, table, dryRun, ManagementFactory.getPlatformMBeanServer(), cycles);
            Thread hook = new Thread(daemon::close, "bridge-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            daemon.awaitStop();
            if (cycles > 0) {
                print(daemon, spec.commandLine().getOut());
                Runtime.getRuntime().removeShutdownHook(hook);
                daemon.close();
            }
            return 0;
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("configuration error: " + p.message()));
            return 2;
        } catch (IpvsException e) {
            err.println("IPVS: " + e.getMessage());
            return 3;
        }
    }

    private static void print(BridgeDaemon daemon, PrintWriter out) {
        for (ServiceState s : daemon.engine().services()) {
            out.printf("%s (%s)%n", s.key(), s.scheduler());
            for (DestinationState d : s.destinations()) {
                Decision dec = d.lastDecision();
                out.printf("  %-22s base %5d  target %5d  applied %5d  %s%n", d.key(), d.baseWeight(),
                        dec == null ? d.kernelWeight() : dec.target(), d.kernelWeight(), dec == null ? "" : TerminalText.escape(dec.reason()));
            }
        }
        out.flush();
    }
}
