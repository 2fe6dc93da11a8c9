package io.lvsfeedback.agent.realserver;

import java.net.InetAddress;
import java.util.List;

/**
 * The privileged address operations the setup needs, behind an interface so the policy is testable
 * without a kernel and the netlink library can live in its own class loader.
 */
interface AddressOps extends AutoCloseable {
    /** The addresses currently on the interface. */
    List<InetAddress> addresses(String ifname) throws EnvironmentException;

    /** Adds a host address (/32 or /128); false when it was already there. */
    boolean add(String ifname, InetAddress address) throws EnvironmentException;

    /** Removes the address; false when it was not there. */
    boolean delete(String ifname, InetAddress address) throws EnvironmentException;

    /** Why these operations may not work (e.g. netlink could not be loaded); empty when they should. */
    default String unavailableReason() {
        return "";
    }

    @Override
    void close();
}
