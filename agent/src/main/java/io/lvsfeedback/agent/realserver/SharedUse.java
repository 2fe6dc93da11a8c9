package io.lvsfeedback.agent.realserver;

import java.net.InetAddress;
import java.util.Optional;

/**
 * What the agent JVMs of one network namespace share: who still uses each VIP, whether an agent
 * added it, and the sysctl values the first agent replaced. The last user to stop undoes; the
 * others leave everything in place. {@link #alone(String)} is the fallback when there is no record.
 */
interface SharedUse extends AutoCloseable {
    /** Runs {@code step} while no other agent of the namespace joins, leaves or undoes. */
    <T, E extends Exception> T exclusively(Step<T, E> step) throws E;

    /** Records this JVM as a user of the VIPs for as long as it lives (a crash ends the use). */
    void join(Iterable<InetAddress> vips);

    /** Live agent JVMs other than this one that use the VIP. */
    int otherUsers(InetAddress vip);

    /** Live agent JVMs other than this one that use any VIP of the namespace (the ARP sysctls serve them all). */
    int otherUsers();

    void markAdded(InetAddress vip);

    /** True if an agent (this one or an earlier one) added the VIP; an operator's VIP is never removed. */
    boolean addedByAnAgent(InetAddress vip);

    void forgetAdded(InetAddress vip);

    /** Keeps the value the sysctl had before any agent changed it; a value already kept stays. */
    void rememberOriginal(SysctlKey key, String value);

    Optional<String> original(SysctlKey key);

    void forgetOriginal(SysctlKey key);

    /** Why there is no shared record (empty when there is one): worth a warning at start. */
    String problem();

    /** Stops using: this JVM no longer counts. */
    @Override
    void close();

    /** A step run under the namespace's lock. */
    interface Step<T, E extends Exception> {
        T run() throws E;
    }

    /** No record: this JVM behaves as the only user (undoes what it changed itself). */
    static SharedUse alone(String problem) {
        return new SharedUse() {
            @Override
            public <T, E extends Exception> T exclusively(Step<T, E> step) throws E {
                return step.run();
            }

            @Override
            public void join(Iterable<InetAddress> vips) {
            }

            @Override
            public int otherUsers(InetAddress vip) {
                return 0;
            }

            @Override
            public int otherUsers() {
                return 0;
            }

            @Override
            public void markAdded(InetAddress vip) {
            }

            @Override
            public boolean addedByAnAgent(InetAddress vip) {
                return false;
            }

            @Override
            public void forgetAdded(InetAddress vip) {
            }

            @Override
            public void rememberOriginal(SysctlKey key, String value) {
            }

            @Override
            public Optional<String> original(SysctlKey key) {
                return Optional.empty();
            }

            @Override
            public void forgetOriginal(SysctlKey key) {
            }

            @Override
            public String problem() {
                return problem;
            }

            @Override
            public void close() {
            }
        };
    }
}
