package io.lvsfeedback.samples.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The demo's script: at fixed times the victim is made slow (its admin endpoint), recovers, is
 * drained through JMX (jmxterm, as an operator would) and resumed. Each action returns what
 * happened, for the report.
 */
public final class Scenario {

    /** One action at a time. */
    public record Step(int atSeconds, String label, Supplier<String> action) {
    }

    private Scenario() {
    }

    public static List<Step> steps(DemoSettings s) {
        String victim = s.victim();
        String ip = s.servers().get(victim);
        String jmx = ip + ":" + s.jmxPort();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(s.slowAt(), "slow " + victim, () -> admin(ip, s.appPort(), "reset=true&" + s.slowCost())));
        steps.add(new Step(s.recoverAt(), "recover " + victim, () -> admin(ip, s.appPort(), "reset=true")));
        steps.add(new Step(s.drainAt(), "drain " + victim + " (jmxterm)", () -> jmxterm(s, jmx, "agent-drain")));
        steps.add(new Step(s.resumeAt(), "resume " + victim + " (jmxterm)", () -> jmxterm(s, jmx, "agent-resume")));
        return steps;
    }

    /** The phase a moment of the run belongs to, for the live table. */
    public static String phase(DemoSettings s, double seconds) {
        if (seconds < s.slowAt()) {
            return "all healthy";
        } else if (seconds < s.recoverAt()) {
            return s.victim() + " slow";
        } else if (seconds < s.drainAt()) {
            return s.victim() + " recovered";
        } else if (seconds < s.resumeAt()) {
            return s.victim() + " drained";
        }
        return s.victim() + " resumed";
    }

    /**
     * POST to the sample app's admin endpoint over a plain socket: java.net.http's client takes
     * tens of seconds to initialise on an emulated, busy machine, which ruined the scenario's timing.
     */
    static String admin(String ip, int port, String query) {
        String request = "POST /admin/cost?" + query + " HTTP/1.1\r\nHost: " + ip + "\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), 20_000);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readNBytes(64 * 1024), StandardCharsets.UTF_8);
            int body = response.indexOf("\r\n\r\n");
            return "POST /admin/cost?" + query + " -> " + HttpProbe.statusOf(response) + " "
                    + (body < 0 ? "" : response.substring(body + 4).trim());
        } catch (IOException e) {
            return "POST /admin/cost?" + query + " failed: " + e;
        }
    }

    static String jmxterm(DemoSettings s, String target, String script) {
        long start = System.nanoTime();
        CommandRunner.Result r = CommandRunner.run(List.of(s.jmxScript().toString(), target, script), 180);
        String output = r.output().lines().filter(l -> !l.isBlank() && !l.startsWith("Welcome to JMX"))
                .reduce((a, b) -> a + "; " + b).orElse("");
        if (output.length() > 300) {
            output = output.substring(0, 300) + "..."; // a Java stack trace says enough in its first lines
        }
        return "jmx " + target + " " + script + " -> exit " + r.status() + " in "
                + Math.round((System.nanoTime() - start) / 1e9) + " s: " + output;
    }
}
