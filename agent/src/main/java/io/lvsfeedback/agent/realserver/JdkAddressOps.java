package io.lvsfeedback.agent.realserver;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/**
 * The fallback when netlink cannot be loaded: reads addresses through the JDK (enough to verify),
 * and refuses to change them with the reason, which the setup reports as a failed check.
 */
final class JdkAddressOps implements AddressOps {
    private final String reason;

    JdkAddressOps(String reason) {
        this.reason = reason;
    }

    @Override
    public List<InetAddress> addresses(String ifname) throws EnvironmentException {
        try {
            NetworkInterface nic = NetworkInterface.getByName(ifname);
            if (nic == null) {
                // The JDK does not see down interfaces either; say which case it may be.
                throw new EnvironmentException("interface " + ifname + " not found (or down)");
            }
            return Collections.list(nic.getInetAddresses());
        } catch (SocketException e) {
            throw new EnvironmentException("cannot list addresses of " + ifname + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean add(String ifname, InetAddress address) throws EnvironmentException {
        throw new EnvironmentException("cannot add " + Addresses.format(address) + " to " + ifname + ": " + reason);
    }

    @Override
    public boolean delete(String ifname, InetAddress address) throws EnvironmentException {
        throw new EnvironmentException("cannot delete " + Addresses.format(address) + " from " + ifname + ": " + reason);
    }

    @Override
    public String unavailableReason() {
        return reason;
    }

    @Override
    public void close() {}
}
