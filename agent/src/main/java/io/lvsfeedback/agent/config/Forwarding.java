package io.lvsfeedback.agent.config;

/** How the director forwards packets to this real server (ipvsadm -g, -i, -m). */
public enum Forwarding {
    DR, TUN, NAT
}
