package io.lvsfeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoSettingsTest {

    @Test
    void defaultsDescribeTheDemoCluster() {
        DemoSettings s = DemoSettings.parse();
        assertThat(s.serverNames()).containsExactly("rs1", "rs2", "rs3");
        assertThat(s.servers()).containsEntry("rs2", "10.0.0.12");
        assertThat(s.vip().getHostString()).isEqualTo("10.0.0.100");
        assertThat(s.vip().getPort()).isEqualTo(8080);
        assertThat(s.ipvsCommand()).containsExactly("ip", "netns", "exec", "lvsd-dir", "ipvsadm", "-Ln");
        assertThat(s.ipvsFile()).isNull();
        assertThat(s.secretFile()).isNull();
        assertThat(s.live()).isTrue();
        assertThat(s.plannedSeconds()).isEqualTo(25 + 30 + 25 + 20 + 20);
    }

    /** The spelling run-demo uses: --key=value, the short scenario's timing. */
    @Test
    void runDemoArgumentsAreRead() {
        DemoSettings s = DemoSettings.parse("--method=tun", "--out=/tmp/o/tun", "--jmx-script=/r/samples/jmxterm/jmx",
                "--secret-file=/run/key", "--baseline=12", "--slow-for=20", "--recovered-for=20", "--drained-for=10",
                "--resumed-for=12", "--max-duration=300", "--ipvs-file=/proc/7/net/ip_vs", "--live=false",
                "--servers=a=10.1.0.1,b=10.1.0.2", "--victim=b", "--vip", "10.1.0.100:80");
        assertThat(s.method()).isEqualTo("tun");
        assertThat(s.outDir()).isEqualTo(Path.of("/tmp/o/tun"));
        assertThat(s.secretFile()).isEqualTo(Path.of("/run/key"));
        assertThat(s.ipvsFile()).isEqualTo(Path.of("/proc/7/net/ip_vs"));
        assertThat(s.plannedSeconds()).isEqualTo(74);
        assertThat(s.maxDurationSeconds()).isEqualTo(300);
        assertThat(s.live()).isFalse();
        assertThat(s.serverNames()).containsExactly("a", "b");
        assertThat(s.appPort()).isEqualTo(80);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--speed=3              | --speed",
        "--workers=many         | --workers",
        "--workers=0            | workers",
        "--rate=-1              | rate",
        "--max-requests=0       | max-requests",
        "--victim=rs7           | rs7",
        "--slow-for=2           | slow-for",
        "--max-duration=60      | max-duration",
        "--vip=10.0.0.1         | --vip",
        "--vip=10.0.0.1:http    | --vip",
        "--servers=rs1          | --servers",
        "--live=maybe           | --live",
        "stray                  | stray",
    })
    void badArgumentsFailNamingTheOption(String argument, String named) {
        assertThatThrownBy(() -> DemoSettings.parse(argument))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining(named);
    }

    /** run-demo's one driver for several methods: --methods with --handshake-dir, each method's output in OUT/METHOD. */
    @Test
    void methodsRunOneAfterTheOtherWithAHandshakeDirectory() {
        DemoOptions options = new DemoOptions();
        CommandLine line = new CommandLine(options);
        line.parseArgs("--methods=dr,tun,nat", "--handshake-dir=/run/demo/handshake", "--out=/tmp/o");
        DemoSequence sequence = options.sequence(line);
        assertThat(sequence.methods()).containsExactly("dr", "tun", "nat");
        assertThat(sequence.handshake()).isEqualTo(Path.of("/run/demo/handshake"));
        DemoSettings tun = options.settings(line).forMethod("tun", Path.of("/tmp/o/tun"));
        assertThat(tun.method()).isEqualTo("tun");
        assertThat(tun.outDir()).isEqualTo(Path.of("/tmp/o/tun"));
        assertThat(tun.plannedSeconds()).isEqualTo(options.settings(line).plannedSeconds());

        DemoOptions single = new DemoOptions();
        CommandLine singleLine = new CommandLine(single);
        singleLine.parseArgs("--method=nat");
        assertThat(single.sequence(singleLine)).as("one run of --method").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--methods=dr,tun                             | --methods and --handshake-dir go together",
        "--handshake-dir=/tmp/h                       | --methods and --handshake-dir go together",
        "--methods=dr,dr --handshake-dir=/tmp/h       | distinct",
    })
    void aSequenceNeedsBothOptionsAndDistinctMethods(String arguments, String message) {
        DemoOptions options = new DemoOptions();
        CommandLine line = new CommandLine(options);
        line.parseArgs(arguments.split(" "));
        assertThatThrownBy(() -> options.sequence(line)).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining(message);
    }

    @Test
    void maxDurationShorterThanThePhasesSaysTheirSum() {
        assertThatThrownBy(() -> DemoSettings.parse("--max-duration=60")).hasMessageContaining("120");
    }
}
