package io.lvsfeedback.samples.demo;

import io.lvsfeedback.samples.cli.HostPort;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The demo driver's command line ({@code --key=value}, or {@code --key value}); every option has a
 * default that fits the cluster of {@code samples/demo/cluster}. Picocli reads the words; the
 * ranges are checked once, by {@link DemoSettings}.
 */
@Command(name = "DemoDriver", showDefaultValues = true,
        description = "Load on the VIP, the scenario's actions on the victim, a live table; writes "
                + "verdict.properties, timeline.csv and report.html. Exit 0 when every check passed, "
                + "1 when one failed, 2 for bad arguments.")
final class DemoOptions {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print the options and their defaults")
    boolean help;

    @Option(names = "--method", description = "forwarding method, for the report (dr, tun, nat)")
    String method = "dr";

    @Option(names = "--vip", description = "the virtual service, ADDRESS:PORT", converter = HostPort.class,
            defaultValue = "10.0.0.100:8080")
    InetSocketAddress vip;

    @Option(names = "--servers", description = "the real servers, NAME=ADDRESS,...", split = ",",
            defaultValue = "rs1=10.0.0.11,rs2=10.0.0.12,rs3=10.0.0.13")
    LinkedHashMap<String, String> servers;

    @Option(names = "--agent-port", description = "the agents' feedback port")
    int agentPort = 3333;

    @Option(names = "--jmx-port", description = "the victim's JMX port")
    int jmxPort = 9010;

    @Option(names = "--ipvs-command", description = "command that prints the IPVS table (ipvsadm -Ln format)")
    String ipvsCommand = "ip netns exec lvsd-dir ipvsadm -Ln";

    // /proc/PID/net/ip_vs of any process in the director's namespace: read without starting a process.
    @Option(names = "--ipvs-file", description = "file that holds the IPVS table, read instead of the command")
    Path ipvsFile;

    @Option(names = "--jmx-script", description = "the jmxterm wrapper script")
    Path jmxScript = Path.of("samples/jmxterm/jmx");

    @Option(names = "--secret-file", description = "the agents' shared secret; without it, unsigned reports")
    Path secretFile;

    @Option(names = "--workers", description = "load threads")
    int workers = 6;

    @Option(names = "--rate", description = "requests per second of each worker at most")
    double rate = 8;

    @Option(names = "--max-requests", description = "requests of the whole run at most")
    int maxRequests = 100_000;

    @Option(names = "--victim", description = "the server the scenario slows and drains")
    String victim = "rs2";

    @Option(names = "--baseline", description = "seconds of the baseline phase")
    int baseline = 25;

    @Option(names = "--slow-for", description = "seconds of the slow phase")
    int slowFor = 30;

    @Option(names = "--recovered-for", description = "seconds of the recovered phase")
    int recoveredFor = 25;

    @Option(names = "--drained-for", description = "seconds of the drained phase")
    int drainedFor = 20;

    @Option(names = "--resumed-for", description = "seconds of the resumed phase")
    int resumedFor = 20;

    @Option(names = "--max-duration", description = "seconds of load at most, whatever happens")
    int maxDuration = 600;

    @Option(names = "--slow-cost", description = "the query of the slowing POST /admin/cost")
    String slowCost = "cpu-ms=40&latency-ms=150";

    @Option(names = "--out", description = "output directory")
    Path out = Path.of("demo-out");

    @Option(names = "--live", arity = "1", description = "print the live table each second (true/false)")
    boolean live = true;

    @Option(names = "--methods", split = ",", description = "run these forwarding methods one after the other "
            + "(needs --handshake-dir; instead of --method): output in OUT/METHOD")
    List<String> methods;

    @Option(names = "--handshake-dir", description = "with --methods: each method starts once DIR/METHOD.ready "
            + "exists; DIR/METHOD.status (0 passed, 1 failed) says it ended")
    Path handshakeDir;

    /** The methods to run one after the other (--methods), or null for one run of --method. */
    DemoSequence sequence(CommandLine commandLine) {
        if (methods == null && handshakeDir == null) {
            return null;
        }
        if (methods == null || handshakeDir == null) {
            throw new ParameterException(commandLine, "--methods and --handshake-dir go together");
        }
        try {
            return new DemoSequence(methods, handshakeDir);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, "--methods: " + e.getMessage(), e);
        }
    }

    /** The settings these options describe; a value out of range fails naming its option. */
    DemoSettings settings(CommandLine commandLine) {
        try {
            return new DemoSettings(method, vip, servers, vip.getPort(), agentPort, jmxPort,
                    List.of(ipvsCommand.trim().split("\\s+")), ipvsFile, jmxScript, secretFile, workers, rate,
                    maxRequests, victim, baseline, slowFor, recoveredFor, drainedFor, resumedFor, maxDuration,
                    slowCost, out, live);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage(), e);
        }
    }
}
