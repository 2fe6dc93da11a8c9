package io.lvsfeedback.netlink.ipvs;

/** Encapsulation of a TUNNEL destination (IP_VS_CONN_F_TUNNEL_TYPE_*; GUE and GRE need kernel 5.2+/5.3+). */
public enum TunnelType {
    IPIP(0), GUE(1), GRE(2);

    private final int code;

    TunnelType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static TunnelType fromCode(int code) {
        for (TunnelType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown IPVS tunnel type " + code);
    }
}
