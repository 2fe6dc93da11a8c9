package io.lvsfeedback.bridge.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * IPVS settings of the director that decide whether the kernel follows the weights the bridge
 * writes. Today one: {@code net.ipv4.vs.conn_reuse_mode}. Without its bit 2 a new connection from a
 * client port whose previous connection's entry is still in FIN_WAIT (the last state a VS/DR or
 * VS/TUN director sees; 120 s by default) goes to that entry's real server, not to the scheduler:
 * a busy server whose weight was lowered keeps receiving those (lab W2, BENCHMARKS.md section 12).
 */
public final class KernelAdvice {
    /** Where the running kernel shows the settings of this network namespace. */
    public static final Path PROC_DIR = Path.of("/proc/sys/net/ipv4/vs");
    /** Bit 2 of conn_reuse_mode: reschedule a new connection that meets a FIN_WAIT entry of VS/DR or VS/TUN. */
    static final int RESCHEDULE_FIN_WAIT = 2;

    private KernelAdvice() {
    }

    /** What an operator should change, one sentence each; empty when nothing (or IPVS is not loaded here). */
    public static List<String> of(Path dir) {
        Path file = dir.resolve("conn_reuse_mode");
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = new String(in.readNBytes(32), StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return List.of(); // ip_vs not loaded in this namespace yet: nothing to advise on
        } catch (IOException e) {
            return List.of("cannot read " + file + " (" + e.getMessage() + "): whether the kernel reschedules reused"
                    + " client ports is unknown");
        }
        int mode;
        try {
            mode = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return List.of(file + " holds '" + text + "', not a number: whether the kernel reschedules reused client ports"
                    + " is unknown");
        }
        if ((mode & RESCHEDULE_FIN_WAIT) != 0) {
            return List.of();
        }
        return List.of("net.ipv4.vs.conn_reuse_mode=" + mode + ": with VS/DR or VS/TUN a new connection from a client port"
                + " whose old entry is still in FIN_WAIT (120 s by default) goes to the old real server whatever its weight,"
                + " so a lowered weight does not take that load off a busy server; set it to 2"
                + " (sysctl -w net.ipv4.vs.conn_reuse_mode=2, keep net.ipv4.vs.conntrack=0 or such SYNs are dropped once)."
                + " Services that use only VS/NAT are not affected.");
    }
}
