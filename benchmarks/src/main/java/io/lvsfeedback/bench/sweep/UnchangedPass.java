package io.lvsfeedback.bench.sweep;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.bridge.engine.BridgeEngine;
import io.lvsfeedback.bridge.engine.ClockSource;
import io.lvsfeedback.bridge.engine.CycleStats;
import io.lvsfeedback.bridge.ipvs.NetlinkIpvsTable;
import java.util.Map;

/**
 * Passes of the bridge's own engine and writer over the kernel's table when nothing changed: no
 * agent answers, so every destination keeps the weight the bridge found (its base weight), and
 * the writer must write nothing. Prints what each cycle read, decided and wrote, with its times;
 * the caller compares the kernel table before and after.
 *
 * <p>Usage (root, in the namespace holding the table): {@code UnchangedPass [CYCLES]}
 */
public final class UnchangedPass {
    private UnchangedPass() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "--help".equals(args[0])) {
            System.out.println("usage: UnchangedPass [CYCLES]");
            return;
        }
        // One INFO line per destination found, and one WARN per agent that did not answer (none
        // does, by design), would dominate the cycle's time.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 3;
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
        System.exit(written == 0 ? 0 : 1);
    }
}
