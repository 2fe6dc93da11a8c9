package io.lvsfeedback.netlink.ipvs;

import io.lvsfeedback.netlink.NetlinkException;

/**
 * Child-process entry for kernel tests that need other privileges: opens a client, lists services
 * and prints {@code OK <count>} or {@code ERR <exception class> <errno> <message>}.
 */
public final class IpvsProbe {
    private IpvsProbe() {
    }

    public static void main(String[] args) {
        try (IpvsClient client = IpvsClient.open()) {
            System.out.println("OK " + client.services().size());
        } catch (NetlinkException e) {
            System.out.println("ERR " + e.getClass().getSimpleName() + " " + e.errno() + " " + e.getMessage());
        }
    }
}
