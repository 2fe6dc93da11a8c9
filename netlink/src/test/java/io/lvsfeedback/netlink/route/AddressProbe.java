package io.lvsfeedback.netlink.route;

import io.lvsfeedback.netlink.NetlinkException;
import java.net.InetAddress;

/**
 * Child-process entry for tests that need a process with other privileges: adds one address and
 * prints {@code OK <added>} or {@code ERR <exception class> <errno> <message>}.
 */
public final class AddressProbe {
    private AddressProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (AddressClient client = AddressClient.open()) {
            System.out.println("OK " + client.add(args[0], InetAddress.getByName(args[1])));
        } catch (NetlinkException e) {
            System.out.println("ERR " + e.getClass().getSimpleName() + " " + e.errno() + " " + e.getMessage());
        }
    }
}
