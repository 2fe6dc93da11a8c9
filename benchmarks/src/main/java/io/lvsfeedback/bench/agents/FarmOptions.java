package io.lvsfeedback.bench.agents;

import io.lvsfeedback.bench.cli.Bounds;
import java.net.InetAddress;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The fake agent farm's command line: {@code key=value} words, each with a default. */
@Command(name = "FakeAgentFarm", showDefaultValues = true,
        description = "One socket answering the feedback protocol for every local address it is reached on.")
final class FarmOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print the options and their defaults")
    boolean help;

    @Option(names = "bind", description = "address to listen on", defaultValue = "0.0.0.0")
    InetAddress bind;

    @Option(names = "port", description = "TCP port, 0 for any free one")
    int port = 3333;

    @Option(names = "secret-file", description = "shared secret of signed reports; without it, agent-check lines only")
    Path secretFile;

    @Option(names = "workers", description = "threads serving connections, 1..256")
    int workers = 8;

    @Option(names = "duration", description = "seconds until the farm stops by itself, 1..86400")
    int duration = 600;

    @Option(names = "jitter", description = "per-poll jitter of each simulated agent, 0..0.5")
    double jitter = 0.05;

    @Option(names = "stats-every", description = "seconds between counter lines, 1..3600")
    int statsEvery = 10;

    @Spec
    CommandSpec spec;

    /** The settings of {@code args}; a bad word fails with a {@link CommandLine.ParameterException} naming it. */
    static FarmSettings parse(String... args) {
        FarmOptions options = new FarmOptions();
        new CommandLine(options).parseArgs(args);
        return options.settings();
    }

    FarmSettings settings() {
        Bounds.within(spec, "port", port, 0, 65535);
        Bounds.within(spec, "workers", workers, 1, 256);
        Bounds.within(spec, "duration", duration, 1, 86_400);
        Bounds.within(spec, "jitter", jitter, 0.0, 0.5);
        Bounds.within(spec, "stats-every", statsEvery, 1, 3600);
        return new FarmSettings(bind, port, secretFile, workers, duration, jitter, statsEvery);
    }
}
