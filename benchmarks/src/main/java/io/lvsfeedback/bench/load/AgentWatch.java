package io.lvsfeedback.bench.load;

import io.lvsfeedback.bench.cli.Bounds;
import io.lvsfeedback.bench.cli.NamedAddresses;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.ReportClient;
import io.lvsfeedback.model.protocol.SharedSecret;
import io.lvsfeedback.model.protocol.Signals;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Polls agents once per interval and prints what their servers are doing, one line per agent and
 * poll: requests in flight, busy and queued pool threads, rps and capacity. One JVM for a whole
 * phase (a process per sample is expensive under emulation); it shows where a phase's latency
 * came from: a queue on one server, or every server slow at once.
 */
@Command(name = "AgentWatch", showDefaultValues = true,
        description = "Polls each agent once per interval (signed LVSFB/1) and prints one line per agent and poll.")
public final class AgentWatch implements Callable<Integer> {
    private static final String[] COLUMNS = {Signals.IN_FLIGHT, Signals.POOL_BUSY, Signals.POOL_QUEUE,
        Signals.POOL_MAX, Signals.REQUESTS_PER_SECOND, Signals.CONCURRENCY, Signals.CAPACITY, Signals.CPU_SYSTEM};

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print the options and their defaults")
    boolean help;

    @Option(names = "secret-file", description = "the agents' shared secret; without it, unsigned reports")
    Path secretFile;

    @Option(names = "interval-ms", description = "ms between polls, at least 100")
    long intervalMs = 1000;

    @Option(names = "duration", description = "seconds of polling, at least 1")
    long duration = 60;

    @Parameters(arity = "1..*", paramLabel = "NAME=IP:PORT", description = "the agents, each with its name")
    LinkedHashMap<String, String> agents;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentWatch()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Bounds.within(spec, "interval-ms", intervalMs, 100, 3_600_000);
        Bounds.within(spec, "duration", duration, 1, 86_400);
        Map<String, InetSocketAddress> targets = NamedAddresses.of(spec, agents);
        SharedSecret secret = secret();
        System.out.println("epoch_ms agent state " + String.join(" ", COLUMNS));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
        while (System.nanoTime() < end) {
            long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(intervalMs);
            targets.forEach((name, address) ->
                    System.out.println(System.currentTimeMillis() + " " + name + " " + poll(address, secret)));
            System.out.flush();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        return 0;
    }

    private SharedSecret secret() {
        if (secretFile == null) {
            return null;
        }
        try {
            return SharedSecret.fromFile(secretFile);
        } catch (IOException | RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "secret-file: " + e.getMessage());
        }
    }

    private static String poll(InetSocketAddress address, SharedSecret secret) {
        try {
            FeedbackReport r = ReportClient.poll(address, secret, 2000).report();
            StringBuilder b = new StringBuilder(r.state().word());
            for (String c : COLUMNS) {
                b.append(' ').append(String.format(Locale.ROOT, "%.3f", r.signal(c)));
            }
            return b.toString();
        } catch (Exception e) {
            return "unreachable " + e.getClass().getSimpleName();
        }
    }
}
