package io.lvsfeedback.samples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Several forwarding methods' runs one after the other in one driver JVM, each on the cluster
 * run-demo sets up for it: under emulation a JVM start costs tens of seconds, so the driver and
 * its jmxterm session outlive each method's real servers. The handshake is two files per method
 * in one directory: run-demo creates {@code METHOD.ready} once that method's real servers answer;
 * the driver writes {@code METHOD.status} ({@code 0} every check passed, {@code 1} one failed)
 * once that method's output is written and the victim's JVM may be stopped.
 *
 * @param methods    in the order run-demo sets them up
 * @param handshake  the directory of the handshake files
 */
record DemoSequence(List<String> methods, Path handshake) {

    /** run-demo stops the driver when it gives up on a cluster; this bounds a driver whose script vanished. */
    private static final long READY_WAIT_SECONDS = 3600;
    private static final long DISCONNECT_SECONDS = 60;

    DemoSequence {
        if (methods.isEmpty() || methods.stream().anyMatch(String::isBlank)
                || methods.stream().distinct().count() != methods.size()) {
            throw new IllegalArgumentException("methods must be distinct names, got " + methods);
        }
        methods = List.copyOf(methods);
    }

    /**
     * Runs every method with {@code base}'s settings, its output in {@code OUT/METHOD}.
     *
     * @return true when every check of every method passed
     */
    boolean run(DemoSettings base) throws IOException, InterruptedException {
        JmxActions jmx = null;
        boolean passed = true;
        try {
            for (String method : methods) {
                awaitReady(handshake.resolve(method + ".ready"));
                DemoDriver driver = new DemoDriver(base.forMethod(method, base.outDir().resolve(method)));
                jmx = driver.openJmx(jmx);
                boolean ok = driver.run(jmx);
                jmx.disconnect(DISCONNECT_SECONDS); // run-demo stops the victim's JVM next
                writeStatus(method, ok);
                passed &= ok;
            }
        } finally {
            if (jmx != null) {
                jmx.close();
            }
        }
        return passed;
    }

    private static void awaitReady(Path ready) throws IOException, InterruptedException {
        System.out.println("demo: waiting for " + ready.getFileName() + " (run-demo: the real servers answer)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_WAIT_SECONDS);
        while (!Files.exists(ready)) {
            if (System.nanoTime() > deadline) {
                throw new IOException(ready + " did not appear in " + READY_WAIT_SECONDS + " s");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** Written whole, then renamed: run-demo reads it as soon as it exists. */
    private void writeStatus(String method, boolean passed) throws IOException {
        Path tmp = handshake.resolve(method + ".status.tmp");
        Files.writeString(tmp, passed ? "0\n" : "1\n", StandardCharsets.UTF_8);
        Files.move(tmp, handshake.resolve(method + ".status"), StandardCopyOption.ATOMIC_MOVE);
    }
}
