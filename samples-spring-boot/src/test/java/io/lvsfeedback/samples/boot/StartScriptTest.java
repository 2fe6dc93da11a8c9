package io.lvsfeedback.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** start-spring-boot-app refuses bad options before starting anything, naming what is wrong. */
class StartScriptTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--name rs1 --bogus | unknown option '--bogus'",
            "--port 8080 | --name is required",
            "--name rs1 --port | option --port needs a value",
            "--name rs1 --cds | no CDS archive in /nonexistent/cds",
            "--name rs1 | sample not built",
    })
    void badOptionsExitWithStatus2AndAMessage(String options, String message) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(SampleJvm.START_SCRIPT.toAbsolutePath().toString()));
        cmd.addAll(List.of(options.split(" ")));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LVS_SPRING_BOOT_TARGET", "/nonexistent");
        pb.environment().put("JAVA", "/bin/false"); // never reached: nothing may start
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("start-spring-boot-app: " + message);
    }
}
