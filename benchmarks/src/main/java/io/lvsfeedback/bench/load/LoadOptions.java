package io.lvsfeedback.bench.load;

import io.lvsfeedback.bench.cli.Bounds;
import java.net.InetSocketAddress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of an open-loop load ({@code key=value} words), shared as a picocli mixin by
 * {@link OpenLoopLoad} and the matrix driver's {@code load} command; each gives its own defaults.
 */
public final class LoadOptions {
    @Option(names = "host", description = "the VIP or server")
    String host = "127.0.0.1";

    @Option(names = "port", description = "its TCP port")
    int port = 8080;

    @Option(names = "path", description = "the path to GET")
    String path;

    @Option(names = "rate", description = "requests per second, (0, 100000]")
    double rate;

    @Option(names = "warmup", description = "seconds of load before the measured part")
    double warmup;

    @Option(names = "duration", description = "seconds measured")
    double duration;

    @Option(names = "timeout", description = "ms a request may take from its scheduled time; a failure counts as this")
    int timeout;

    @Option(names = "max-in-flight", description = "requests open at once at most; beyond, an arrival fails at once")
    int maxInFlight;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Defaults of the command that uses these options; NaN for {@code rate} or {@code duration}: it must be given. */
    public LoadOptions(String path, double rate, double warmup, double duration, int timeout, int maxInFlight) {
        this.path = path;
        this.rate = rate;
        this.warmup = warmup;
        this.duration = duration;
        this.timeout = timeout;
        this.maxInFlight = maxInFlight;
    }

    /** The plan these options describe; a missing or out-of-range value fails naming its option. */
    public OpenLoad.Plan plan(int perConnection, int intervalMillis) {
        required("rate", rate);
        required("duration", duration);
        Bounds.within(spec, "port", port, 1, 65535);
        Bounds.positive(spec, "rate", rate, 100_000);
        Bounds.within(spec, "warmup", warmup, 0, 86_400);
        Bounds.positive(spec, "duration", duration, 86_400);
        Bounds.within(spec, "timeout", timeout, 1, 3_600_000);
        Bounds.within(spec, "max-in-flight", maxInFlight, 1, 100_000);
        return new OpenLoad.Plan(new InetSocketAddress(host, port), path, rate, warmup, duration, timeout, maxInFlight,
                perConnection, intervalMillis);
    }

    private void required(String option, double value) {
        if (Double.isNaN(value)) {
            throw new ParameterException(spec.commandLine(), "missing " + option + "=");
        }
    }
}
