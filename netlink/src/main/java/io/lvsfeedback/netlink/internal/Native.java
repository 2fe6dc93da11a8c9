package io.lvsfeedback.netlink.internal;

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
                    loaded = LibraryLoader.create(LibC.class).load("c");
                    libc = loaded;
                }
            }
        }
        return loaded;
    }
}
