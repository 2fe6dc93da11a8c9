package io.lvsfeedback.bridge.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/** Jetty serving {@code /} (status page) and {@code /metrics} (Prometheus text format). */
public final class HttpEndpoint implements AutoCloseable {
    private final Server server;

    private HttpEndpoint(Server server) {
        this.server = server;
    }

    public static HttpEndpoint start(String address, int port, StatusPage page, PrometheusMeterRegistry registry)
            throws Exception {
        Server server = new Server(new InetSocketAddress(address, port));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                if (path.equals("/metrics")) {
                    send(response, callback, HttpStatus.OK_200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
                } else if (path.equals("/")) {
                    send(response, callback, HttpStatus.OK_200, "text/html; charset=utf-8", page.render());
                } else {
                    send(response, callback, HttpStatus.NOT_FOUND_404, "text/plain; charset=utf-8", "not found: try / or /metrics\n");
                }
                return true;
            }
        });
        server.start();
        return new HttpEndpoint(server);
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** The port actually bound (useful with port 0 in tests). */
    public int port() {
        return ((org.eclipse.jetty.server.ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
