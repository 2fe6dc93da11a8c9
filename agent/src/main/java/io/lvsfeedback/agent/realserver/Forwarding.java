package io.lvsfeedback.agent.realserver;

/** How the director forwards packets to this real server; decides what the server must configure. */
public enum Forwarding {
    /** Direct routing: VIP on {@code lo}, ARP for the VIP suppressed. */
    DR,
    /** IP-in-IP tunnel: VIP on {@code tunl0}, reverse-path filter relaxed. */
    TUN,
    /** Masquerading: nothing to add, but replies must route back through the director. */
    NAT
}
