package io.lvsfeedback.agent.realserver;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AddressOps} over the netlink module's {@code AddressClient}, called reflectively with JDK
 * types only, so it works whichever class loader holds the netlink classes.
 */
final class NetlinkAddressOps implements AddressOps {
    private static final int EPERM = 1;
    private static final int EACCES = 13;

    private final Object client;
    private final Method addresses;
    private final Method add;
    private final Method delete;
    private final Method close;

    private NetlinkAddressOps(Object client, Class<?> type) throws NoSuchMethodException {
        this.client = client;
        this.addresses = type.getMethod("addresses", String.class);
        this.add = type.getMethod("add", String.class, InetAddress.class);
        this.delete = type.getMethod("delete", String.class, InetAddress.class);
        this.close = type.getMethod("close");
    }

    /** Opens a client from the given loader; any failure (no native for this arch, ...) becomes an EnvironmentException. */
    static NetlinkAddressOps open(ClassLoader loader) throws EnvironmentException {
        try {
            Class<?> type = Class.forName(IsolatedLibraries.ADDRESS_CLIENT, true, loader);
            Object client = type.getMethod("open").invoke(null);
            return new NetlinkAddressOps(client, type);
        } catch (InvocationTargetException e) {
            // A kernel error has an errno; anything else (no jffi native for this platform, ...) is a load failure.
            if (errnoOf(e.getCause()) > 0) {
                throw translate("open rtnetlink", e.getCause());
            }
            throw new EnvironmentException("cannot load the netlink module: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new EnvironmentException("cannot load the netlink module: " + e, e);
        }
    }

    @Override
    public List<InetAddress> addresses(String ifname) throws EnvironmentException {
        Object result = call(addresses, "list addresses of " + ifname, ifname);
        List<InetAddress> out = new ArrayList<>();
        for (Object o : (List<?>) result) {
            out.add((InetAddress) o);
        }
        return out;
    }

    @Override
    public boolean add(String ifname, InetAddress address) throws EnvironmentException {
        return (Boolean) call(add, "add " + Addresses.format(address) + " to " + ifname, ifname, address);
    }

    @Override
    public boolean delete(String ifname, InetAddress address) throws EnvironmentException {
        return (Boolean) call(delete, "delete " + Addresses.format(address) + " from " + ifname, ifname, address);
    }

    @Override
    public void close() {
        try {
            close.invoke(client);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Closing a socket that is already broken leaves nothing to release.
        }
    }

    private Object call(Method method, String what, Object... args) throws EnvironmentException {
        try {
            return method.invoke(client, args);
        } catch (InvocationTargetException e) {
            throw translate(what, e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new EnvironmentException("cannot " + what + ": " + e, e);
        }
    }

    /** Maps the module's NetlinkException (from another class loader) by its errno. */
    static EnvironmentException translate(String what, Throwable cause) {
        int errno = errnoOf(cause);
        String message = "cannot " + what + ": " + cause.getMessage() + (errno > 0 ? " (errno " + errno + ")" : "");
        if (errno == EPERM || errno == EACCES) {
            return new NotPermittedException(message);
        }
        return new EnvironmentException(message, cause);
    }

    private static int errnoOf(Throwable t) {
        try {
            Object errno = t.getClass().getMethod("errno").invoke(t);
            return errno instanceof Integer ? (Integer) errno : 0;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0;
        }
    }
}
