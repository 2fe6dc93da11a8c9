package io.lvsfeedback.agent.signal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The child JVM of {@link CgroupCpuRealCgroupTest}, a process the test can move between cgroups:
 * {@code read N} prints {@code N <the Limit>}; {@code burn N} keeps two threads busy for a second,
 * then prints {@code N burned}. It ends when its stdin closes.
 */
final class CgroupCpuChild {
    private CgroupCpuChild() {
    }

    public static void main(String[] args) throws Exception {
        CgroupCpu cgroup = new CgroupCpu();
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.split(" ");
            if (words.length == 2 && words[0].equals("read")) {
                System.out.println(words[1] + " " + cgroup.read());
            } else if (words.length == 2 && words[0].equals("burn")) {
                burn(2, 1000);
                System.out.println(words[1] + " burned");
            }
            System.out.flush();
        }
    }

    private static void burn(int threads, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        Thread[] busy = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            busy[i] = new Thread(() -> {
                long x = 0;
                while (System.nanoTime() < end) {
                    x += x * 31 + 7;
                }
                if (x == 42) {
                    System.out.print(""); // keeps the loop from being optimized away
                }
            });
            busy[i].start();
        }
        for (Thread t : busy) {
            t.join();
        }
    }
}
