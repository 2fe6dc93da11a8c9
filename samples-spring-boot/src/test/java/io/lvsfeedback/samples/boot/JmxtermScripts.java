package io.lvsfeedback.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of samples/jmxterm by its name through the real {@code samples/jmxterm/jmx}, as an
 * operator would: the scripts are read where they are, so the test follows any change to them.
 */
final class JmxtermScripts {
    static final Path JMX = Path.of("../samples/jmxterm/jmx").toAbsolutePath();
    static final Path JMXTERM_JAR = Path.of("target/test-libs/jmxterm.jar").toAbsolutePath();

    private JmxtermScripts() {
    }

    /** {@code jmx TARGET SCRIPT NAME=VALUE...}; returns its output, fails the test on a non-zero exit. */
    static String run(String target, String script, String... placeholders) throws IOException, InterruptedException {
        assertThat(JMXTERM_JAR).as("jmxterm (copied by the build into target/test-libs)").exists();
        List<String> cmd = new ArrayList<>(List.of(JMX.toString(), target, script));
        cmd.addAll(List.of(placeholders));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JMXTERM_JAR", JMXTERM_JAR.toString());
        pb.environment().put("JAVA", SampleJvm.JAVA);
        pb.environment().put("JMX_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Process p = pb.start();
        p.getOutputStream().close();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("%s finished in time:\n%s", cmd, out).isTrue();
        assertThat(p.exitValue()).as("exit status of %s:\n%s", cmd, out).isZero();
        return out;
    }
}
