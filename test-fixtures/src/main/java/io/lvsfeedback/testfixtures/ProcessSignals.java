package io.lvsfeedback.testfixtures;

import jnr.ffi.LibraryLoader;

/**
 * SIGSTOP and SIGCONT for a child process, sent with kill(2) at once: starting a {@code kill}
 * process takes 100 ms or more under the lab's emulation, longer than what a test wants to catch
 * (a write batch). Needs jnr-ffi on the class path (an optional dependency of this module).
 */
public final class ProcessSignals {
    private static final int SIGCONT = 18;
    private static final int SIGSTOP = 19;

    /** kill(2), which only the tests need. */
    public interface KillCall {
        int kill(int pid, int signal);
    }

    private static volatile KillCall libc;

    private ProcessSignals() {
    }

    /** Builds the kill(2) binding ahead: jnr-ffi generates it at first use, which takes long under emulation. */
    public static void prepare() {
        libc();
    }

    /** Freezes the process where it is (it cannot catch or ignore SIGSTOP). */
    public static void stop(Process process) {
        send(process, SIGSTOP);
    }

    /** Lets a stopped process go on. */
    public static void resume(Process process) {
        send(process, SIGCONT);
    }

    private static void send(Process process, int signal) {
        if (libc().kill(Math.toIntExact(process.pid()), signal) != 0) {
            throw new IllegalStateException("kill(" + process.pid() + ", " + signal + ") failed");
        }
    }

    private static KillCall libc() {
        KillCall calls = libc;
        if (calls == null) {
            calls = LibraryLoader.create(KillCall.class).load("c");
            libc = calls;
        }
        return calls;
    }
}
