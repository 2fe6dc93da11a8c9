package io.lvsfeedback.bench.matrix;

import io.lvsfeedback.bench.cli.Bounds;
import io.lvsfeedback.bench.cli.NamedAddresses;
import io.lvsfeedback.bench.load.LoadOptions;
import io.lvsfeedback.bench.load.OpenLoad;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.ReportClient;
import io.lvsfeedback.model.protocol.SharedSecret;
import io.lvsfeedback.model.protocol.Signals;
import io.lvsfeedback.samples.cli.HostPort;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The commands {@link MatrixDriver} reads, one per line, as {@code key=value} words; each answers one line. */
@Command(name = "matrix-driver", subcommands = {DriverCommands.Load.class, DriverCommands.Saturate.class,
    DriverCommands.PoolMax.class}, description = "One command per line: load, saturate, pool-max, quit.")
final class DriverCommands {

    /** A command of the driver: what follows {@code ok} in its answer. */
    interface Reply {
        String reply() throws Exception;
    }

    /** A parser for one line (picocli keeps the parsed values in the command objects: one per line). */
    static CommandLine commandLine() {
        return new CommandLine(new DriverCommands());
    }

    @Command(name = "load", description = "an open-loop phase (OpenLoad); raw lines to out; answers the summary")
    static final class Load implements Reply {
        @Mixin
        LoadOptions load = new LoadOptions("/work", Double.NaN, 0, Double.NaN, 60_000, 2000);

        @Option(names = "per-connection", description = "requests per connection (keep-alive when > 1)")
        int perConnection = 1;

        @Option(names = "interval-ms", description = "ms between the requests of one connection")
        int intervalMs = 0;

        @Option(names = "out", description = "file for one raw line per request")
        Path out;

        @Option(names = "ports", description = "file for one line per connection (its source port and server)")
        Path ports;

        @Spec
        CommandSpec spec;

        @Override
        public String reply() throws Exception {
            Bounds.within(spec, "per-connection", perConnection, 1, 100_000);
            Bounds.within(spec, "interval-ms", intervalMs, 0, 3_600_000);
            OpenLoad.Plan plan = load.plan(perConnection, intervalMs);
            try (Writer w = out == null ? null : Files.newBufferedWriter(out, StandardCharsets.US_ASCII);
                 Writer p = ports == null ? null : Files.newBufferedWriter(ports, StandardCharsets.US_ASCII)) {
                if (w != null) {
                    w.write("# sched_epoch_ms latency_us status server (a failure's latency is the time-out)\n");
                }
                PhaseRecorder rec = new PhaseRecorder(plan.timeoutMillis(), w);
                if (p != null) {
                    p.write(ConnectionLog.HEADER);
                }
                OpenLoad.run(plan, p == null ? rec : new ConnectionLog(rec, p));
                rec.flush();
                return rec.summary();
            }
        }
    }

    @Command(name = "saturate", description = "capacity calibration (Saturation) of NAME=IP:PORT:CLIENTS servers")
    static final class Saturate implements Reply {
        @Option(names = "path", description = "the path to GET")
        String path = "/work";

        @Option(names = "warmup", description = "seconds before the measured window")
        double warmup = 3;

        @Option(names = "duration", description = "seconds measured")
        double duration = 15;

        @Option(names = "timeout", description = "ms a request may take")
        int timeout = 60_000;

        @Parameters(arity = "1..*", paramLabel = "NAME=IP:PORT:CLIENTS", description = "the servers")
        LinkedHashMap<String, String> servers;

        @Spec
        CommandSpec spec;

        @Override
        public String reply() throws Exception {
            Bounds.within(spec, "warmup", warmup, 0, 86_400);
            Bounds.positive(spec, "duration", duration, 86_400);
            Bounds.within(spec, "timeout", timeout, 1, 3_600_000);
            List<Saturation.Target> targets = new ArrayList<>();
            for (Map.Entry<String, String> e : servers.entrySet()) {
                int colon = e.getValue().lastIndexOf(':');
                try {
                    targets.add(new Saturation.Target(e.getKey(), HostPort.parse(e.getValue().substring(0, Math.max(0, colon))),
                            Integer.parseInt(e.getValue().substring(colon + 1))));
                } catch (RuntimeException bad) {
                    throw new ParameterException(spec.commandLine(),
                            e.getKey() + ": expected IP:PORT:CLIENTS, got '" + e.getValue() + "'");
                }
            }
            return Saturation.format(Saturation.measure(targets, path, warmup, duration, timeout));
        }
    }

    @Command(name = "pool-max", description = "each agent's pool_max (threads for requests)")
    static final class PoolMax implements Reply {
        @Option(names = "secret-file", required = true, description = "the agents' shared secret")
        Path secretFile;

        @Parameters(arity = "1..*", paramLabel = "NAME=IP:PORT", description = "the agents")
        LinkedHashMap<String, String> agents;

        @Spec
        CommandSpec spec;

        @Override
        public String reply() throws Exception {
            Map<String, InetSocketAddress> targets = NamedAddresses.of(spec, agents);
            SharedSecret secret = SharedSecret.fromFile(secretFile);
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, InetSocketAddress> e : targets.entrySet()) {
                FeedbackReport r = ReportClient.poll(e.getValue(), secret, 5000).report();
                b.append(String.format(Locale.ROOT, " %s=%.0f", e.getKey(), r.signal(Signals.POOL_MAX)));
            }
            return b.toString().trim();
        }
    }
}
