package io.lvsfeedback.agent.realserver;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The child JVM the namespace tests run inside {@code ip netns exec} (a JVM cannot move itself into
 * a namespace). Reads one command per line from stdin and answers with one line per check, then
 * {@code END}:
 * <pre>
 * setup forwarding=dr mode=configure vips=10.0.0.10,fd00::10 out=rs0 director=10.1.0.1 reverify=200
 * apply | verify | undo | denied | loader | watch | bench N | quit
 * </pre>
 * {@code watch} starts re-verification; each change is printed as {@code CHANGED} and {@code CURRENT}
 * lines followed by {@code EVENT}. Exits when stdin closes.
 */
public final class NetnsProbe {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private NetnsProbe() {}

    public static void main(String[] args) throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reverify");
            t.setDaemon(true);
            return t;
        });
        RealServerSetup setup = null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split("\\s+");
            try {
                switch (words[0]) {
                    case "setup":
                        if (setup != null) {
                            setup.close();
                        }
                        long start = System.nanoTime();
                        setup = RealServerSetup.create(settings(Arrays.copyOfRange(words, 1, words.length)));
                        say("TIME\tsetup\t" + (System.nanoTime() - start) / 1_000_000 + " ms");
                        break;
                    case "bench":
                        bench(setup, Integer.parseInt(words[1]));
                        break;
                    case "apply":
                        print("CHECK", setup.apply());
                        break;
                    case "verify":
                        print("CHECK", setup.verify());
                        break;
                    case "undo":
                        print("CHECK", setup.undo());
                        break;
                    case "loader":
                        // Which loader holds netlink, and whether the application's loader can see jnr-ffi.
                        say("LOADER\t" + IsolatedLibraries.shared().getName() + "\t" + visible("jnr.ffi.Runtime")
                                + "\t" + visible("com.kenai.jffi.Foreign"));
                        break;
                    case "denied":
                        say("DENIED\t" + setup.configureDenied());
                        break;
                    case "watch":
                        setup.startReverify((changed, current) -> {
                            synchronized (OUT) {
                                print("CHANGED", changed);
                                print("CURRENT", current);
                                OUT.println("EVENT");
                            }
                        }, scheduler);
                        break;
                    case "quit":
                        if (setup != null) {
                            setup.close();
                        }
                        say("END");
                        return;
                    default:
                        say("ERROR\tunknown command " + words[0]);
                }
            } catch (RuntimeException | EnvironmentException e) {
                // The setup must never throw to its caller: make that visible to the test.
                say("ERROR\t" + e);
            }
            say("END");
        }
    }

    private static RealServerSettings settings(String[] pairs) throws Exception {
        RealServerSettings.Builder b = RealServerSettings.builder();
        for (String pair : pairs) {
            String key = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            switch (key) {
                case "forwarding":
                    b.forwarding(Forwarding.valueOf(value.toUpperCase(Locale.ROOT)));
                    break;
                case "mode":
                    b.mode(NetworkMode.valueOf(value.toUpperCase(Locale.ROOT)));
                    break;
                case "vips":
                    List<InetAddress> vips = new ArrayList<>();
                    for (String v : value.split(",")) {
                        vips.add(InetAddress.getByName(v));
                    }
                    b.vips(vips);
                    break;
                case "out":
                    b.outwardInterfaces(Arrays.asList(value.split(",")));
                    break;
                case "director":
                    b.director(InetAddress.getByName(value));
                    break;
                case "reverify":
                    b.reverifyInterval(Duration.ofMillis(Long.parseLong(value)));
                    break;
                default:
                    throw new IllegalArgumentException("unknown setting " + key);
            }
        }
        return b.build();
    }

    /** Cost of one re-verification pass: wall time and bytes allocated by this thread (a measurement, not a test). */
    private static void bench(RealServerSetup setup, int runs) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long first = System.nanoTime();
        setup.apply();
        long applyNanos = System.nanoTime() - first;
        for (int i = 0; i < runs; i++) {
            setup.verify();
        }
        long bytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            setup.verify();
        }
        long nanos = System.nanoTime() - start;
        bytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - bytes;
        say("BENCH\tfirst apply " + applyNanos / 1000 + " us\tverify " + nanos / runs / 1000 + " us/call\t"
                + bytes / runs + " bytes/call\t" + setup.verify().size() + " checks");
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className, false, ClassLoader.getSystemClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void print(String tag, List<Check> checks) {
        synchronized (OUT) {
            for (Check c : checks) {
                OUT.println(String.join("\t", tag, c.ok() ? "OK" : "FAIL", c.name(), c.expected(), c.actual(), c.fix()));
            }
        }
    }

    private static void say(String line) {
        synchronized (OUT) {
            OUT.println(line);
        }
    }
}
