package io.lvsfeedback.samples.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

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

    static String admin(String ip, int port, String query) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port + "/admin/cost?" + query))
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return "POST /admin/cost?" + query + " -> " + response.statusCode() + " " + response.body().trim();
        } catch (Exception e) {
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
