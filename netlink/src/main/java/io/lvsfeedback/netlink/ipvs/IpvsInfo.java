package io.lvsfeedback.netlink.ipvs;

/** What IPVS_CMD_GET_INFO returns: the IPVS version and the connection hash table size. */
public final class IpvsInfo {
    private final int versionCode;
    private final int connectionTableSize;

    public IpvsInfo(int versionCode, int connectionTableSize) {
        this.versionCode = versionCode;
        this.connectionTableSize = connectionTableSize;
    }

    /** The kernel's version number, (major << 16) | (minor << 8) | patch. */
    public int versionCode() {
        return versionCode;
    }

    /** "1.2.1". */
    public String version() {
        return ((versionCode >> 16) & 0xFF) + "." + ((versionCode >> 8) & 0xFF) + "." + (versionCode & 0xFF);
    }

    public int connectionTableSize() {
        return connectionTableSize;
    }

    @Override
    public String toString() {
        return "IP Virtual Server version " + version() + " (size=" + connectionTableSize + ")";
    }
}
