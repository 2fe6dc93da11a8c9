package io.lvsfeedback.netlink.ipvs;

import java.util.Locale;

/** Transport protocol of an address+port virtual service (IPPROTO_* numbers). */
public enum Protocol {
    TCP(6), UDP(17), SCTP(132);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The lower-case name used in service keys: tcp, udp, sctp. */
    public String keyName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Protocol fromNumber(int number) {
        for (Protocol protocol : values()) {
            if (protocol.number == number) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("unknown IPVS protocol number " + number);
    }
}
