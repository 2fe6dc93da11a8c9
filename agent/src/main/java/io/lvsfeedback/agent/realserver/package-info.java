/**
 * The real-server side of LVS: what a host must look like so a director can forward to it, set up
 * or checked by the agent.
 *
 * <pre>{@code
 * RealServerSettings settings = RealServerSettings.builder()
 *         .vips(List.of(InetAddress.getByName("10.0.0.10")))
 *         .forwarding(Forwarding.DR)
 *         .mode(NetworkMode.CONFIGURE)
 *         .build();
 * try (RealServerSetup setup = RealServerSetup.create(settings)) {
 *     List<Check> checks = setup.apply();            // configure, then verify
 *     setup.startReverify(listener, scheduler);      // notice (and repair) drift
 *     ...
 *     setup.undo();                                   // only what this setup added or changed
 * }
 * }</pre>
 *
 * <ul>
 *   <li>DR: VIP/32 (/128) on {@code lo}; {@code arp_ignore=1} and {@code arp_announce=2} on
 *       {@code all} and the outward interfaces (IPv4 VIPs only: IPv6 has no ARP).</li>
 *   <li>TUN: IPv4 VIPs on {@code tunl0} ({@code modprobe ipip}), IPv6 VIPs on {@code ip6tnl0}
 *       ({@code modprobe ip6_tunnel}), the tunnel up, {@code rp_filter} 0 or 2 on {@code all} and
 *       {@code tunl0}, and for IPv4 VIPs the same ARP sysctls as DR (the VIP is a local address).</li>
 *   <li>NAT: nothing to add; the default route must go via the director when one is configured
 *       (checked only: a host's default route is the operator's decision).</li>
 * </ul>
 *
 * Addresses go over rtnetlink (the netlink module, in a class loader of its own, see
 * {@code IsolatedLibraries}); sysctls are files under {@code /proc/sys}; interface state comes from
 * {@code /sys/class/net}; routes from {@code /proc/net}. Bringing a link up and loading a tunnel
 * module run {@code ip} and {@code modprobe}. Without CAP_NET_ADMIN everything degrades to
 * verification, and every failed {@link io.lvsfeedback.agent.realserver.Check} names the command
 * that fixes it.
 */
package io.lvsfeedback.agent.realserver;
