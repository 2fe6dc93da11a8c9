package io.lvsfeedback.bench.sweep;

import io.lvsfeedback.bench.cli.Bounds;
import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.bridge.engine.BridgeEngine;
import io.lvsfeedback.bridge.engine.ClockSource;
import io.lvsfeedback.bridge.engine.CycleStats;
import io.lvsfeedback.bridge.ipvs.NetlinkIpvsTable;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Passes of the bridge's own engine and writer over the kernel's table when nothing changed: no
 * agent answers, so every destination keeps the weight the bridge found (its base weight), and
 * the writer must write nothing. Prints what each cycle read, decided and wrote, with its times;
 * the caller compares the kernel table before and after.
 *
 * Run as root, in the namespace holding the table; exit status 1 when any cycle wrote a weight.
 */
@Command(name = "UnchangedPass", description = "Bridge cycles over the kernel's table with no agent answering: must write nothing.")
public final class UnchangedPass implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    boolean help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CYCLES", defaultValue = "3", showDefaultValue = Help.Visibility.ALWAYS,
            description = "bridge cycles, 1..1000")
    int cycles;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new UnchangedPass()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Bounds.within(spec, "CYCLES", cycles, 1, 1000);
        // One INFO line per destination found, and one WARN per agent that did not answer (none
        // does, by design), would dominate the cycle's time.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        BridgeConfig config = BridgeConfig.parse(Map.of("http-port", "0", "allow-unauthenticated", "true",
                "state-file", "none"));
        long written = 0;
        try (NetlinkIpvsTable table = NetlinkIpvsTable.open()) {
            BridgeEngine engine = new BridgeEngine(table, new NoAgents(), ClockSource.SYSTEM, config);
            for (int i = 1; i <= cycles; i++) {
                CycleStats s = engine.cycle();
                written += s.writes();
                System.out.printf("unchanged: bridge cycle %d: %d destinations read in %.1f ms, %d changes, %d written,"
                                + " cycle %.1f ms%s%n", i, s.destinations(), s.readNanos() / 1e6, s.changes(), s.writes(),
                        s.cycleNanos() / 1e6, s.readFailed() ? " (READ FAILED)" : "");
            }
        }
        System.out.println("unchanged: weights written by the bridge in all cycles: " + written);
        return written == 0 ? 0 : 1;
    }
}
