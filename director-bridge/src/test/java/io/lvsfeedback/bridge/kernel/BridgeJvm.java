package io.lvsfeedback.bridge.kernel;

import io.lvsfeedback.testfixtures.ChildJar;
import io.lvsfeedback.testfixtures.ChildProcess;
import io.lvsfeedback.testfixtures.ProcessSignals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real director-bridge as an operator runs it ({@code java -jar director-bridge.jar run
 * --config FILE}), as root in the lab guest, in a JVM of its own so that it can be killed with
 * SIGKILL. Its log (stderr) stays in the given directory.
 */
final class BridgeJvm implements AutoCloseable {
    /** The shaded jar the module's build makes; kernel tests run with the module as working directory. */
    static final Path JAR = Path.of("target/director-bridge.jar");
    /**
     * The bridge's class-data-sharing archive (samples/bin/make-cds-archives, which ./test-all runs
     * after the build): under emulation it saves most of a JVM's start. Used when present; a JVM
     * whose jar was rebuilt since only warns and starts without it.
     */
    static final Path CDS_ARCHIVE = Path.of("../samples/target/cds/bridge.jsa");
    /** The options the archive was made with (make-cds-archives); C1 and Serial GC suit 2 emulated CPUs. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");

    private final ChildProcess process;
    private final long launchedNanos;

    private BridgeJvm(ChildProcess process, long launchedNanos) {
        this.process = process;
        this.launchedNanos = launchedNanos;
    }

    static BridgeJvm start(Path logDir, String name, Path config) throws IOException {
        List<String> command = new ArrayList<>(List.of(ChildJar.java().toString()));
        command.addAll(JVM_OPTIONS);
        if (Files.isRegularFile(CDS_ARCHIVE)) {
            command.add("-XX:SharedArchiveFile=" + CDS_ARCHIVE.toAbsolutePath().normalize());
        }
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString(), "run", "--config", config.toString()));
        long launched = System.nanoTime();
        return new BridgeJvm(ChildProcess.start(logDir, name, command), launched);
    }

    /** Its log so far (slf4j-simple writes to stderr). */
    String log() {
        return process.stderr();
    }

    boolean alive() {
        return process.process().isAlive();
    }

    long launchedNanos() {
        return launchedNanos;
    }

    /** SIGSTOP: frozen where it is, e.g. mid-batch, while the test looks at the kernel. */
    void freeze() {
        ProcessSignals.stop(process.process());
    }

    /** SIGCONT. */
    void thaw() {
        ProcessSignals.resume(process.process());
    }

    /** SIGKILL: no shutdown hook, no last save of the state file. */
    void kill() {
        process.kill();
    }

    /** The end of its output, for assertion messages. */
    String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}
