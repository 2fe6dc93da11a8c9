package io.lvsfeedback.bridge.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Jetty serving {@code /} (status page), {@code /status.json} (the same for scripts) and
 * {@code /metrics} (Prometheus text format). Everything is generated here: the page loads nothing
 * from anywhere else.
 */
public final class HttpEndpoint implements AutoCloseable {
    private final Server server;

    private HttpEndpoint(Server server) {
        this.server = server;
    }

    public static HttpEndpoint start(String address, int port, StatusPage page, StatusJson json,
                                     PrometheusMeterRegistry registry) throws Exception {
        Server server = new Server(new InetSocketAddress(address, port));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                try {
                    switch (path) {
                        case "/metrics" -> send(response, callback, HttpStatus.OK_200, "text/plain; version=0.0.4; charset=utf-8",
                                registry.scrape());
                        case "/" -> send(response, callback, HttpStatus.OK_200, "text/html; charset=utf-8",
                                page.render(query(request)));
                        case "/status.json" -> send(response, callback, HttpStatus.OK_200, "application/json",
                                json.render(query(request)));
                        default -> send(response, callback, HttpStatus.NOT_FOUND_404, "text/plain; charset=utf-8",
                                "not found: try /, /status.json or /metrics\n");
                    }
                } catch (IllegalArgumentException e) {
                    send(response, callback, HttpStatus.BAD_REQUEST_400, "text/plain; charset=utf-8", e.getMessage() + "\n");
                }
                return true;
            }
        });
        server.start();
        return new HttpEndpoint(server);
    }

    private static StatusQuery query(Request request) {
        Fields fields = Request.extractQueryParameters(request);
        Map<String, String> params = new HashMap<>();
        for (Fields.Field f : fields) {
            params.put(f.getName(), f.getValue());
        }
        return StatusQuery.parse(params);
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** The port actually bound (useful with port 0 in tests). */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
