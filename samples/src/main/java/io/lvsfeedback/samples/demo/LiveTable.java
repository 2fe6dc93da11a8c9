package io.lvsfeedback.samples.demo;

import java.io.PrintStream;
import java.util.Locale;

/** Prints one block per tick: a row per real server with what the kernel, the traffic and the agent say. */
public final class LiveTable {

    private final PrintStream out;
    private final boolean terminal;

    public LiveTable(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public void print(Tick tick, String phase, int okRequests, int failedRequests) {
        StringBuilder b = new StringBuilder();
        if (terminal) {
            b.append("\033[H\033[2J"); // redraw in place on a terminal
        }
        b.append(String.format(Locale.ROOT, "t=%5.1fs  phase: %-28s requests ok %d, failed %d%n",
                tick.seconds(), phase, okRequests, failedRequests));
        b.append(String.format(Locale.ROOT, "  %-5s %7s %7s %6s | %-6s %5s %7s %8s %6s %5s%n",
                "server", "weight", "share", "conns", "agent", "w%", "rps", "p99 ms", "cpu", "busy"));
        for (ServerSample s : tick.servers()) {
            AgentView a = s.agent();
            b.append(String.format(Locale.ROOT, "  %-5s %7s %6s%% %6d | %-6s %5s %7s %8s %6s %5s%n",
                    s.name(), s.weight() < 0 ? "-" : Integer.toString(s.weight()),
                    Double.isNaN(s.share()) ? "-" : String.format(Locale.ROOT, "%.0f", 100 * s.share()),
                    s.activeConnections(), a.state(), a.weightPercent() < 0 ? "-" : Integer.toString(a.weightPercent()),
                    number(a.rps(), "%.1f"), number(a.p99Millis(), "%.0f"), number(a.cpuProcess(), "%.2f"),
                    number(a.poolBusy(), "%.0f")));
        }
        out.print(b);
        out.flush();
    }

    static String number(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
