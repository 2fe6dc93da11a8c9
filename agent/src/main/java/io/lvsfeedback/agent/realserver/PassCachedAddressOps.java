package io.lvsfeedback.agent.realserver;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads each interface's addresses once per verification pass instead of once per VIP: one
 * netlink dump per interface. A change through this object drops that interface's entry.
 */
final class PassCachedAddressOps implements AddressOps {
    private final AddressOps delegate;
    private final Map<String, List<InetAddress>> cache = new HashMap<>();

    PassCachedAddressOps(AddressOps delegate) {
        this.delegate = delegate;
    }

    /** Starts a new pass: what the kernel says now, not what it said before. */
    synchronized void newPass() {
        cache.clear();
    }

    @Override
    public synchronized List<InetAddress> addresses(String ifname) throws EnvironmentException {
        List<InetAddress> cached = cache.get(ifname);
        if (cached == null) {
            cached = List.copyOf(delegate.addresses(ifname));
            cache.put(ifname, cached);
        }
        return cached;
    }

    @Override
    public synchronized boolean add(String ifname, InetAddress address) throws EnvironmentException {
        cache.remove(ifname);
        return delegate.add(ifname, address);
    }

    @Override
    public synchronized boolean delete(String ifname, InetAddress address) throws EnvironmentException {
        cache.remove(ifname);
        return delegate.delete(ifname, address);
    }

    @Override
    public String unavailableReason() {
        return delegate.unavailableReason();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
