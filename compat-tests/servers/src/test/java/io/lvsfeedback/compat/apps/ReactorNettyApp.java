package io.lvsfeedback.compat.apps;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Reactor Netty with its metrics on (as Spring Boot's actuator turns them on), published to
 * Micrometer's global registry; an endpoint that waits {@code ?ms=} without holding a thread.
 */
public final class ReactorNettyApp {
    public static void main(String[] args) {
        Metrics.addRegistry(new SimpleMeterRegistry());
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .metrics(true, Function.identity())
                .route(routes -> routes.get("/sleep", (req, res) -> {
                    String q = req.uri().replaceAll(".*[?&]ms=(\\d+).*", "$1");
                    long ms = q.matches("\\d+") ? Long.parseLong(q) : 0;
                    return res.sendString(Mono.delay(Duration.ofMillis(ms)).map(x -> "slept " + ms + "\n"));
                }))
                .bindNow();
        Sleep.ready(server.port());
        server.onDispose().block();
    }
}
