package io.lvsfeedback.agent.realserver;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Addresses kept in memory, with a switch that makes changes fail as they would without CAP_NET_ADMIN. */
final class FakeAddressOps implements AddressOps {
    final Map<String, List<InetAddress>> byInterface = new HashMap<>();
    boolean permitted = true;
    int changes;
    int reads;

    FakeAddressOps with(String ifname, InetAddress... addresses) {
        List<InetAddress> list = byInterface.computeIfAbsent(ifname, k -> new ArrayList<>());
        for (InetAddress a : addresses) {
            list.add(a);
        }
        return this;
    }

    @Override
    public synchronized List<InetAddress> addresses(String ifname) throws EnvironmentException {
        reads++;
        List<InetAddress> list = byInterface.get(ifname);
        if (list == null) {
            throw new EnvironmentException("no such interface " + ifname);
        }
        return new ArrayList<>(list);
    }

    @Override
    public synchronized boolean add(String ifname, InetAddress address) throws EnvironmentException {
        List<InetAddress> list = byInterface.get(ifname);
        if (!permitted) {
            throw new NotPermittedException("cannot add " + address.getHostAddress() + ": Operation not permitted (errno 1)");
        }
        if (list == null) {
            throw new EnvironmentException("no such interface " + ifname);
        }
        changes++;
        return !list.contains(address) && list.add(address);
    }

    @Override
    public synchronized boolean delete(String ifname, InetAddress address) throws EnvironmentException {
        if (!permitted) {
            throw new NotPermittedException("cannot delete: Operation not permitted (errno 1)");
        }
        changes++;
        return byInterface.getOrDefault(ifname, new ArrayList<>()).remove(address);
    }

    @Override
    public void close() {}
}
