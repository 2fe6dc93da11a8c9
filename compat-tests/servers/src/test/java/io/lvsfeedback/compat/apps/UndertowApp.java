package io.lvsfeedback.compat.apps;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;

/** Undertow with its defaults (XNIO worker of 8 threads per I/O thread), a blocking handler that sleeps. */
public final class UndertowApp {
    public static void main(String[] args) {
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(UndertowApp::handle).build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        Sleep.ready(port);
    }

    private static void handle(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(UndertowApp::handle); // blocking work goes to the worker pool
            return;
        }
        String ms = exchange.getQueryParameters().containsKey("ms") ? exchange.getQueryParameters().get("ms").getFirst() : null;
        exchange.getResponseSender().send(Sleep.sleep(ms));
    }
}
