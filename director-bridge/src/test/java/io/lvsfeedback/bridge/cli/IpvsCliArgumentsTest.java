package io.lvsfeedback.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad arguments are refused before any netlink call, with a message naming the bad value. */
class IpvsCliArgumentsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http:10.0.0.1:80|10.0.0.2:80|5|bad service 'http:10.0.0.1:80': unknown kind 'http'",
            "tcp:10.0.0.1|10.0.0.2:80|5|bad service 'tcp:10.0.0.1'",
            "tcp:10.0.0.1:80|10.0.0.2|5|bad destination: '10.0.0.2' is not ADDRESS:PORT",
            "tcp:10.0.0.1:80|2001:db8::1:80|5|bad destination",
            "tcp:10.0.0.1:80|10.0.0.2:80|-1|bad weight '-1'",
            "tcp:10.0.0.1:80|10.0.0.2:80|many|bad weight 'many'",
            "fwm:0|10.0.0.2:80|5|bad firewall mark '0'"})
    void setWeightRefusesBadArguments(String service, String destination, String weight, String message) {
        Run run = run("set-weight", service, destination, weight);
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains(message);
    }

    @Test
    void setWeightNeedsAllThreeArguments() {
        Run run = run("set-weight", "tcp:10.0.0.1:80");
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("Missing required parameters: 'DEST', 'WEIGHT'");
    }

    @Test
    void listWithoutIpvsInTheKernelSaysSo() {
        assumeFalse(Files.exists(Path.of("/proc/net/ip_vs")), "this host kernel has IPVS");
        Run run = run("list");
        assertThat(run.status).isEqualTo(1);
        assertThat(run.err).isEqualTo("ipvs list: IPVS not available: is the ip_vs module loaded?\n");
        assertThat(run.out).isEmpty();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new IpvsCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private static final class Run {
        final int status;
        final String out;
        final String err;

        Run(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }
    }
}
