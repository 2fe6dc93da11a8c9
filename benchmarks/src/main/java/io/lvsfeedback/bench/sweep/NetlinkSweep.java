package io.lvsfeedback.bench.sweep;

import io.lvsfeedback.netlink.ipvs.IpvsClient;
import io.lvsfeedback.netlink.ipvs.WeightChange;
import io.lvsfeedback.netlink.ipvs.WeightResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Times full weight sweeps through the netlink client's batched {@code applyWeights}, in one JVM
 * as the bridge daemon runs it. The first plan is applied cold (first use of jnr-ffi and the
 * codec in this JVM) and reported apart; every later plan is timed warm. Each sweep is checked by
 * reading the table back; a last pass re-reads and diffs against the last plan, which must find
 * nothing to write.
 *
 * Run as root, in the namespace holding the table; exit status 1 when a sweep left the kernel
 * other than planned.
 */
@Command(name = "NetlinkSweep", description = "Full weight sweeps through the netlink client's batched applyWeights.")
public final class NetlinkSweep implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    boolean help;

    @Parameters(arity = "2..*", paramLabel = "PLAN", description = "plan files (lines VIP:PORT RIP:PORT WEIGHT): the first"
            + " is applied cold, the others timed warm")
    List<Path> planFiles;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NetlinkSweep()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<SweepPlan> plans = new ArrayList<>();
        for (Path p : planFiles) {
            plans.add(SweepPlan.read(p));
        }
        int exit = 0;
        try (IpvsClient client = IpvsClient.open()) {
            for (int i = 0; i < plans.size(); i++) {
                if (!sweep(client, plans.get(i), i == 0 ? "cold" : "sweep " + i)) {
                    exit = 1;
                }
            }
            unchangedPass(client, plans.get(plans.size() - 1));
        }
        return exit;
    }

    /** Reads, diffs, writes; prints the times; true when the kernel then holds the whole plan. */
    private static boolean sweep(IpvsClient client, SweepPlan plan, String label) {
        long t0 = System.nanoTime();
        KernelTable before = KernelTable.read(client);
        long t1 = System.nanoTime();
        List<WeightChange> changes = before.changesTo(plan);
        long t2 = System.nanoTime();
        List<WeightResult> results = client.applyWeights(changes);
        long t3 = System.nanoTime();
        long failed = results.stream().filter(r -> !r.succeeded()).count();
        KernelTable after = KernelTable.read(client);
        long held = after.matching(plan);
        boolean ok = failed == 0 && held == plan.weights().size() && changes.size() == plan.weights().size();
        System.out.printf("netlink: %s: %d edits applied in %.1f ms (read %d destinations %.1f ms, diff %.1f ms; "
                        + "read+diff+apply %.1f ms); failures %d; kernel holds %d/%d: %s%n",
                label, changes.size(), ms(t3 - t2), before.size(), ms(t1 - t0), ms(t2 - t1), ms(t3 - t0),
                failed, held, plan.weights().size(), ok ? "ok" : "MISMATCH");
        return ok;
    }

    private static void unchangedPass(IpvsClient client, SweepPlan plan) {
        long t0 = System.nanoTime();
        KernelTable now = KernelTable.read(client);
        List<WeightChange> changes = now.changesTo(plan);
        if (!changes.isEmpty()) {
            client.applyWeights(changes);
        }
        long t1 = System.nanoTime();
        System.out.printf("netlink: unchanged pass: read %d destinations + diff in %.1f ms, %d edits written%n",
                now.size(), ms(t1 - t0), changes.size());
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
