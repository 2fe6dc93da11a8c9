package io.lvsfeedback.netlink.internal;

import io.lvsfeedback.netlink.NetlinkException;
import jnr.ffi.LibraryLoader;

/** Loads libc once, lazily, so classes that only encode and decode never touch native code. */
public final class Native {
    private static volatile LibC libc;

    private Native() {
    }

    public static LibC libc() {
        LibC loaded = libc;
        if (loaded == null) {
            synchronized (Native.class) {
                loaded = libc;
                if (loaded == null) {
                    try {
                        loaded = LibraryLoader.create(LibC.class).load("c");
                    } catch (LinkageError | RuntimeException e) {
                        // A missing jffi native stub must reach the caller (e.g. the agent) as a
                        // NetlinkException it already handles, not as an Error.
                        throw new NetlinkException(0, "cannot bind libc through jnr-ffi: " + e, e);
                    }
                    libc = loaded;
                }
            }
        }
        return loaded;
    }
}
