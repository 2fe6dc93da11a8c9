package io.lvsfeedback.bridge.kernel;

import io.lvsfeedback.bridge.ipvs.ServiceDestination;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One destination's weight in the kernel's own listing, {@code /proc/net/ip_vs} (IPv4 TCP only),
 * read without starting a process (an ipvsadm process takes ~200 ms under TCG): looked at many
 * times while a batch is on its way.
 */
final class ProcIpVs {
    static final Path FILE = Path.of("/proc/net/ip_vs");

    private final String text;

    private ProcIpVs(String text) {
        this.text = text;
    }

    static ProcIpVs read() throws IOException {
        return new ProcIpVs(Files.readString(FILE));
    }

    /** The weight, or -1 when the kernel does not list the destination. */
    int weight(ServiceDestination d) {
        int service = text.indexOf("TCP  " + hex(d.service().address(), d.service().port()) + " ");
        if (service < 0) {
            return -1;
        }
        int next = text.indexOf("\nTCP  ", service + 1);
        String section = next < 0 ? text.substring(service) : text.substring(service, next);
        String line = "-> " + hex(d.destination().address(), d.destination().port()) + " ";
        int at = section.indexOf(line);
        if (at < 0) {
            return -1;
        }
        // "-> 0A4F000D:4E20      Masq    20     0          0": forwarding method, then the weight
        String[] fields = section.substring(at + line.length()).strip().split("\\s+", 3);
        return Integer.parseInt(fields[1]);
    }

    /** The kernel's %08X:%04X of an IPv4 address and port. */
    static String hex(java.net.InetAddress address, int port) {
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("IPv4 only: " + address);
        }
        StringBuilder out = new StringBuilder();
        for (byte b : address.getAddress()) {
            out.append(String.format(Locale.ROOT, "%02X", b & 0xff));
        }
        return out.append(String.format(Locale.ROOT, ":%04X", port)).toString();
    }
}
