import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what the agent costs its host JVM (see agent/bench/agent-cost.sh):
 * <ol>
 *   <li>start-up: the agent's own "premain to ready" time, and the time from JVM start to the
 *       application's main() with and without the agent (interleaved runs);
 *   <li>steady state: process CPU time of an idle application over a window with and without the
 *       agent (interleaved), and CPU time and allocated bytes of the agent's own threads, while a
 *       client polls the feedback port once a second (like the bridge).
 * </ol>
 * The child JVM runs this same class in "probe" mode.
 */
public final class AgentCost {
    private static final Pattern READY = Pattern.compile("started in ([0-9.]+) ms after premain");
    /** Network setup and JMX done (agents from before the two-step start print no such line). */
    private static final Pattern SET_UP = Pattern.compile("set up in ([0-9.]+) ms after premain");
    private static String agentArgs = "network=off";
    private static final Pattern PROBE = Pattern.compile("PROBE (.*)");

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("probe")) {
            probe(Integer.parseInt(args[1]));
            return;
        }
        Path agentJar = Path.of(args[0]);
        int startRuns = Integer.parseInt(args[1]);
        int steadyRounds = Integer.parseInt(args[2]);
        int windowSeconds = Integer.parseInt(args[3]);
        if (args.length > 4 && !args[4].isEmpty()) {
            agentArgs = args[4];
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");

        System.out.println("## start-up (" + startRuns + " interleaved runs each)");
        List<Double> ready = new ArrayList<>();
        List<Double> setUp = new ArrayList<>();
        List<Double> mainWith = new ArrayList<>();
        List<Double> mainWithout = new ArrayList<>();
        for (int i = 0; i < startRuns; i++) {
            for (boolean withAgent : (i % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false})) {
                int port = freePort();
                Run r = run(java, cp, withAgent ? agentJar : null, port, 3, false);
                (withAgent ? mainWith : mainWithout).add(r.value("main_at_ms"));
                if (withAgent) {
                    ready.add(r.readyMs);
                    if (!Double.isNaN(r.setUpMs)) {
                        setUp.add(r.setUpMs);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "agent premain -> ready: median %.0f ms (min %.0f, max %.0f)%n",
                median(ready), Collections.min(ready), Collections.max(ready));
        if (!setUp.isEmpty()) {
            System.out.printf(Locale.ROOT, "agent premain -> set up (network, JMX): median %.0f ms (min %.0f, max %.0f)%n",
                    median(setUp), Collections.min(setUp), Collections.max(setUp));
        }
        System.out.printf(Locale.ROOT, "JVM start -> main(): without agent median %.0f ms, with agent median %.0f ms%n",
                median(mainWithout), median(mainWith));

        System.out.println("## steady state (" + steadyRounds + " interleaved rounds, " + windowSeconds
                + " s windows, feedback port polled once a second)");
        List<Double> cpuWith = new ArrayList<>();
        List<Double> cpuWithout = new ArrayList<>();
        List<Double> agentCpu = new ArrayList<>();
        List<Double> agentAlloc = new ArrayList<>();
        for (int i = 0; i < steadyRounds; i++) {
            for (boolean withAgent : (i % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false})) {
                Run r = run(java, cp, withAgent ? agentJar : null, freePort(), windowSeconds, withAgent);
                double cpuPerMin = r.value("window_cpu_ms") * 60.0 / windowSeconds;
                (withAgent ? cpuWith : cpuWithout).add(cpuPerMin);
                if (withAgent) {
                    agentCpu.add(r.value("agent_cpu_ms") * 60.0 / windowSeconds);
                    agentAlloc.add(r.value("agent_alloc_bytes") * 60.0 / windowSeconds);
                }
                System.out.printf(Locale.ROOT, "  round %d %-8s process CPU %.0f ms/min%s%n", i + 1,
                        withAgent ? "agent" : "baseline", cpuPerMin, withAgent ? String.format(Locale.ROOT,
                                ", agent threads CPU %.0f ms/min, allocated %.0f KiB/min",
                                r.value("agent_cpu_ms") * 60.0 / windowSeconds,
                                r.value("agent_alloc_bytes") * 60.0 / windowSeconds / 1024) : "");
            }
        }
        System.out.printf(Locale.ROOT, "process CPU per minute: baseline median %.0f ms, with agent median %.0f ms%n",
                median(cpuWithout), median(cpuWith));
        System.out.printf(Locale.ROOT, "agent threads: CPU median %.0f ms/min, allocation median %.0f KiB/min%n",
                median(agentCpu), median(agentAlloc) / 1024);
    }

    /** The child: an idle application; reports its own CPU and the agent threads' CPU and allocation. */
    private static void probe(int seconds) throws Exception {
        long mainAt = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Thread.sleep(5000); // let the agent (if any) finish starting before the window opens
        long[] before = agentSample(threads);
        long cpu0 = os.getProcessCpuTime();
        Thread.sleep(seconds * 1000L);
        long cpu1 = os.getProcessCpuTime();
        long[] after = agentSample(threads);
        System.out.printf(Locale.ROOT, "PROBE main_at_ms=%d window_cpu_ms=%.1f agent_cpu_ms=%.1f agent_alloc_bytes=%d%n",
                mainAt, (cpu1 - cpu0) / 1e6, (after[0] - before[0]) / 1e6, after[1] - before[1]);
        if (Boolean.getBoolean("agentcost.threads")) {
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null) {
                    System.out.printf(Locale.ROOT, "THREAD %-40s cpu %6.1f ms alloc %8d KiB%n", info.getThreadName(),
                            threads.getThreadCpuTime(info.getThreadId()) / 1e6,
                            threads.getThreadAllocatedBytes(info.getThreadId()) / 1024);
                }
            }
        }
    }

    /** {cpu nanos, allocated bytes} summed over live threads named lvs-agent-*. */
    private static long[] agentSample(com.sun.management.ThreadMXBean threads) {
        long cpu = 0;
        long alloc = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("lvs-agent")) {
                cpu += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                alloc += Math.max(0, threads.getThreadAllocatedBytes(info.getThreadId()));
            }
        }
        return new long[] {cpu, alloc};
    }

    private static final class Run {
        double readyMs = Double.NaN;
        double setUpMs = Double.NaN;
        String probeLine = "";

        double value(String key) {
            Matcher m = Pattern.compile(key + "=([0-9.]+)").matcher(probeLine);
            if (!m.find()) {
                throw new IllegalStateException("no " + key + " in " + probeLine);
            }
            return Double.parseDouble(m.group(1));
        }
    }

    private static Run run(String java, String cp, Path agentJar, int port, int seconds, boolean poll) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java, "-Xms64m", "-Xmx64m", "-XX:+UseG1GC"));
        if (agentJar != null) {
            cmd.add("-javaagent:" + agentJar + "=bind=127.0.0.1,port=" + port + ",drain-timeout=0s," + agentArgs);
        }
        cmd.addAll(List.of("-cp", cp, "AgentCost", "probe", Integer.toString(seconds)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread poller = null;
        if (poll) {
            poller = new Thread(() -> pollOncePerSecond(port));
            poller.setDaemon(true);
            poller.start();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 120L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("probe did not finish");
        }
        if (poller != null) {
            poller.interrupt();
        }
        Run r = new Run();
        Matcher ready = READY.matcher(out);
        if (ready.find()) {
            r.readyMs = Double.parseDouble(ready.group(1));
            Matcher setUp = SET_UP.matcher(out);
            if (setUp.find()) {
                r.setUpMs = Double.parseDouble(setUp.group(1));
            }
        } else if (agentJar != null) {
            throw new IllegalStateException("agent did not report ready:\n" + out);
        }
        Matcher probe = PROBE.matcher(out);
        if (!probe.find()) {
            throw new IllegalStateException("probe output missing:\n" + out);
        }
        r.probeLine = probe.group(1);
        return r;
    }

    /** What the bridge does: a signed-report request every second. */
    private static void pollOncePerSecond(int port) {
        SecureRandom random = new SecureRandom();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
                byte[] n = new byte[16];
                random.nextBytes(n);
                StringBuilder nonce = new StringBuilder();
                for (byte b : n) {
                    nonce.append(String.format("%02x", b));
                }
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(("LVSFB/1 REPORT " + nonce + "\n").getBytes(StandardCharsets.US_ASCII));
                    InputStream in = s.getInputStream();
                    in.readAllBytes();
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // agent not up yet or gone: try again next second
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
