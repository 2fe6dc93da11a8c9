package io.lvsfeedback.bridge.kernel;

import io.lvsfeedback.testfixtures.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real keepalived daemon (the host's /usr/sbin/keepalived, seen through the lab's shared root),
 * health checker only, in the foreground so this test owns the process: pid files and its console
 * log in the test's directory.
 */
final class Keepalived implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/keepalived");
    private final Process process;
    private final Path log;

    private Keepalived(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Keepalived start(Path dir, String configuration) throws IOException {
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), configuration);
        Path log = dir.resolve("keepalived.log");
        Process p = new ProcessBuilder(BINARY.toString(), "--dont-fork", "--log-console", "--log-detail", "--no-syslog",
                "--check", "--use-file=" + conf, "--pid=" + dir.resolve("keepalived.pid"),
                "--checkers_pid=" + dir.resolve("checkers.pid"), "--vrrp_pid=" + dir.resolve("vrrp.pid"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Keepalived(p, log);
    }

    /** SIGHUP: keepalived re-reads its configuration. */
    void reload() {
        Commands.run("kill", "-HUP", Long.toString(process.pid()));
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (keepalived removes its virtual servers and stops its checker child), then SIGKILL after 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
