package io.lvsfeedback.samples.demo;

import java.util.List;
import java.util.Locale;

/** The ticks as CSV, one row per server and second, for anyone who wants to plot it differently. */
final class TimelineCsv {

    private TimelineCsv() {
    }

    static String render(List<Tick> ticks) {
        StringBuilder b = new StringBuilder("seconds,server,weight,active_conns,requests,share,agent_state,"
                + "agent_weight_percent,rps,p99_ms,cpu_process,pool_busy,util,concurrency,pool_max,capacity\n");
        for (Tick t : ticks) {
            for (ServerSample s : t.servers()) {
                AgentView a = s.agent();
                b.append(String.format(Locale.ROOT, "%.1f,%s,%d,%d,%d,%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,%s%n", t.seconds(), s.name(),
                        s.weight(), s.activeConnections(), s.requests(), LiveTable.number(s.share(), "%.3f"),
                        a.state(), a.weightPercent(), LiveTable.number(a.rps(), "%.2f"),
                        LiveTable.number(a.p99Millis(), "%.1f"), LiveTable.number(a.cpuProcess(), "%.3f"),
                        LiveTable.number(a.poolBusy(), "%.0f"), LiveTable.number(a.utilization(), "%.4f"),
                        LiveTable.number(a.concurrency(), "%.4f"), LiveTable.number(a.poolMax(), "%.0f"),
                        LiveTable.number(a.capacity(), "%.1f")));
            }
        }
        return b.toString();
    }
}
