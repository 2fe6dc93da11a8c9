package io.lvsfeedback.agent.it;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The application the child-JVM tests run with the agent: a Jetty server on a free loopback port
 * that answers "hello". It reports which versions of the agent's dependencies it sees itself.
 */
public final class TinyJettyApp {
    private TinyJettyApp() {}

    public static void main(String[] args) throws Exception {
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap("hello\n".getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        });
        server.start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        System.out.println("APP-SEES asm=" + whereIs("org.objectweb.asm.ClassReader"));
        System.out.println("APP-SEES jnr-ffi=" + whereIs("jnr.ffi.Library"));
        System.out.println("APP-SEES jffi=" + whereIs("com.kenai.jffi.Foreign"));
        System.out.println("APP-SEES netlink=" + whereIs("io.lvsfeedback.netlink.route.AddressClient"));
        System.out.println("APP-READY port=" + port);
        System.out.flush();
        server.join();
    }

    private static String whereIs(String className) {
        try {
            Class<?> c = Class.forName(className, false, TinyJettyApp.class.getClassLoader());
            return String.valueOf(c.getProtectionDomain().getCodeSource().getLocation());
        } catch (ClassNotFoundException e) {
            return "absent";
        }
    }
}
