package io.lvsfeedback.bridge.kernel;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP server on a VIP that answers for every real server of a DR service whose real servers'
 * addresses are local to the guest: DR to a local address hands the packet to the local stack, and
 * IPVS's per-destination counters say which real server was picked.
 */
final class HttpSink {
    private HttpSink() {}

    static HttpServer start(String vip, int port) throws IOException {
        HttpServer sink = HttpServer.create(new InetSocketAddress(InetAddress.getByName(vip), port), 50);
        sink.createContext("/", exchange -> {
            byte[] body = "ok\n".getBytes(StandardCharsets.US_ASCII);
            // one connection per request, so each one is scheduled by IPVS and counted
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        sink.start();
        return sink;
    }
}
