package io.lvsfeedback.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bench.convergence.ConvergenceBench;
import io.lvsfeedback.bench.load.AgentWatch;
import io.lvsfeedback.bench.load.OpenLoopLoad;
import io.lvsfeedback.bench.matrix.BridgeSwitch;
import io.lvsfeedback.bench.scale.BridgeScale;
import io.lvsfeedback.bench.sweep.NetlinkSweep;
import io.lvsfeedback.bench.sweep.UnchangedPass;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The benchmarks' command lines: a bad word stops the tool before it does anything, with exit
 * status 2, a message naming the option and the usage; {@code --help} prints the usage.
 */
class CommandLinesTest {

    record Run(int status, String out, String err) {
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                bad(AgentWatch::new, "'NAME=IP:PORT'", "secret-file=/k"),
                bad(AgentWatch::new, "interval-ms must be within 100..", "interval-ms=50", "rs1=127.0.0.1:3333"),
                bad(AgentWatch::new, "'duration'", "duration=soon", "rs1=127.0.0.1:3333"),
                bad(AgentWatch::new, "rs1=127.0.0.1: expected HOST:PORT", "rs1=127.0.0.1"),
                bad(OpenLoopLoad::new, "rate must be within (0, 100000]", "rate=0"),
                bad(BridgeScale::new, "services must be within 1..1000", "services=0"),
                bad(BridgeScale::new, "poll-interval", "poll-interval=soon"),
                bad(ConvergenceBench::new, "rate must be within 1..10000", "rate=0"),
                bad(ConvergenceBench::new, "unknown option 'colour'", "colour=red"),
                bad(ConvergenceBench::new, "servers must name at least two", "servers=10.88.0.1"),
                bad(UnchangedPass::new, "CYCLES", "many"),
                bad(UnchangedPass::new, "CYCLES must be within 1..1000", "0"),
                bad(NetlinkSweep::new, "PLAN", "only-one-plan"),
                bad(BridgeSwitch::new, "expected HOST:PORT", "localhost"),
                bad(BridgeSwitch::new, "CONNECT-TIMEOUT-S must be within 0..86400", "127.0.0.1:9011", "-1"));
    }

    private static Arguments bad(Supplier<Object> command, String message, String... args) {
        return Arguments.of(command.get().getClass().getSimpleName() + " " + String.join(" ", args), command, message, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void aBadWordStopsWithStatus2NamingIt(String name, Supplier<Object> command, String message, String[] args) {
        Run r = run(command.get(), args);

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(message).contains("Usage: ");
    }

    /** weight-sweep-guest.sh probes a jar for NetlinkSweep with --help and status 0. */
    @Test
    void helpPrintsTheUsageWithStatus0() {
        Run sweep = run(new NetlinkSweep(), "--help");
        Run watch = run(new AgentWatch(), "--help");
        Run load = run(new OpenLoopLoad(), "--help");

        assertThat(sweep.status()).isZero();
        assertThat(sweep.out()).startsWith("Usage: NetlinkSweep").contains("PLAN");
        assertThat(watch.status()).isZero();
        assertThat(watch.out()).contains("interval-ms=<intervalMs>").contains("Default: 1000");
        // the load's options (LoadOptions) with OpenLoopLoad's own defaults
        assertThat(load.status()).isZero();
        assertThat(load.out()).containsPattern("(?s)max-in-flight=<maxInFlight>[^=]*Default: 400")
                .containsPattern("(?s)timeout=<timeout>[^=]*Default: 5000");
    }
}
