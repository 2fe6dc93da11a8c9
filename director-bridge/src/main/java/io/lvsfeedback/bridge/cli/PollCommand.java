package io.lvsfeedback.bridge.cli;

import io.lvsfeedback.bridge.ipvs.Endpoints;
import io.lvsfeedback.bridge.poll.NioAgentPoller;
import io.lvsfeedback.bridge.poll.PollOutcome;
import io.lvsfeedback.bridge.poll.PollRequest;
import io.lvsfeedback.model.file.BoundedFile;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code poll RIP[:PORT]}: asks one agent for its report once, as the bridge would, and prints it. */
@Command(name = "poll", mixinStandardHelpOptions = true,
        description = "Poll one agent once (LVSFB/1 REPORT with a fresh nonce) and print its report.")
public final class PollCommand implements Callable<Integer> {
    static final int DEFAULT_AGENT_PORT = 3333;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RIP[:PORT]", description = "agent address; port defaults to " + DEFAULT_AGENT_PORT)
    String target;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "shared key to check the report's HMAC")
    Path secretFile;

    @Option(names = "--allow-unauthenticated", description = "accept unsigned reports and agent-check lines")
    boolean allowUnauthenticated;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "2000", description = "default: ${DEFAULT-VALUE}")
    long timeoutMillis;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InetSocketAddress agent;
        SharedSecret secret = null;
        try {
            agent = Endpoints.parse(target, DEFAULT_AGENT_PORT);
            if (secretFile != null) {
                secret = SharedSecret.fromFile(secretFile);
                BoundedFile.exposure(secretFile).ifPresent(who -> err.println("warning: --secret-file " + secretFile
                        + " is " + who + ": anyone who reads it can forge reports (chmod 600 it)"));
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (secret == null && !allowUnauthenticated) {
            err.println("error: give --secret-file FILE, or --allow-unauthenticated to accept unsigned reports");
            return 2;
        }
        PollRequest request = new PollRequest(agent, secret, allowUnauthenticated);
        PollOutcome o;
        try (NioAgentPoller poller = new NioAgentPoller(1)) {
            o = poller.pollAll(List.of(request), timeoutMillis).get(request);
        }
        if (!o.succeeded()) {
            err.println("poll failed: " + TerminalText.escape(o.error()));
            return 1;
        }
        print(out, agent, o);
        return 0;
    }

    static void print(PrintWriter out, InetSocketAddress agent, PollOutcome o) {
        FeedbackReport r = o.report();
        out.printf(Locale.ROOT, "agent          %s (%s, %.1f ms)%n", Endpoints.format(agent),
                o.authenticated() ? "authenticated" : "NOT authenticated", o.latencyNanos() / 1e6);
        out.printf("state          %s%s%n", r.state().word(), r.reason().isEmpty() ? "" : " (" + TerminalText.escape(r.reason()) + ")");
        out.printf("weight         %d%%%n", r.weightPercent());
        if (!r.host().isEmpty()) {
            out.printf("host           %s%n", TerminalText.escape(r.host()));
        }
        if (!r.ports().isEmpty()) {
            out.printf("ports          %s%s%n", r.ports(), r.portsOmitted() == 0 ? "" : " (+" + r.portsOmitted() + " more)");
        }
        if (r.sequence() > 0) {
            out.printf("seq            %d (uptime %d ms)%n", r.sequence(), r.uptimeMillis());
        }
        for (Map.Entry<String, Double> s : r.signals().entrySet()) {
            out.printf(Locale.ROOT, "%-14s %s%n", s.getKey(), format(s.getValue()));
        }
        out.flush();
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
