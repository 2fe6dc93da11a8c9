package io.lvsfeedback.netlink.ipvs;

/** How the director forwards to a destination (IP_VS_CONN_F_* & IP_VS_CONN_F_FWD_MASK). */
public enum ForwardingMethod {
    MASQ(0, "Masq"), LOCAL(1, "Local"), TUNNEL(2, "Tunnel"), DR(3, "Route"), BYPASS(4, "Bypass");

    private final int code;
    private final String ipvsadmName;

    ForwardingMethod(int code, String ipvsadmName) {
        this.code = code;
        this.ipvsadmName = ipvsadmName;
    }

    public int code() {
        return code;
    }

    /** The word {@code ipvsadm -Ln} prints in its Forward column. */
    public String ipvsadmName() {
        return ipvsadmName;
    }

    public static ForwardingMethod fromCode(int code) {
        for (ForwardingMethod method : values()) {
            if (method.code == code) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown IPVS forwarding method " + code);
    }
}
