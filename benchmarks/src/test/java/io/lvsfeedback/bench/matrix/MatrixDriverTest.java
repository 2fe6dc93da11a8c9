package io.lvsfeedback.bench.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** A bad command line of the driver's protocol is answered with one error line naming what was wrong. */
class MatrixDriverTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "load duration=1                         | error missing rate=",
        "load rate=0 duration=1                  | error rate must be within (0, 100000], got 0",
        "load rate=10 duration=1 timeout=soon    | error Invalid value for option 'timeout': 'soon' is not an int",
        "load rate=10 duration=1 colour=red      | error Unmatched argument at index 3: 'colour=red'",
        "saturate rs1=10.0.0.11:8080             | error rs1: expected IP:PORT:CLIENTS, got '10.0.0.11:8080'",
        "pool-max rs1=10.0.0.11:3333             | error Missing required option: 'secret-file=<secretFile>'",
        "pool-max secret-file=/k rs1=10.0.0.11   | error rs1=10.0.0.11: expected HOST:PORT",
        "fly                                     | error Unmatched argument at index 0: 'fly'",
    })
    void badCommandsAreAnsweredWithAnErrorNamingTheWord(String line, String reply) {
        assertThat(MatrixDriver.execute(line)).startsWith(reply);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "timeout-ms=5                       | Missing required parameter: 'DIR'",
        "/tmp/run control-ratio=2           | control-ratio must be within (0, 1], got 2",
        "/tmp/run timeout-ms=0              | timeout-ms must be within 1..3600000, got 0",
    })
    void matrixReportNamesItsBadArgument(String line, String message) {
        StringWriter err = new StringWriter();
        int status = new CommandLine(new MatrixReport.Command()).setErr(new PrintWriter(err)).execute(line.split(" "));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }
}
