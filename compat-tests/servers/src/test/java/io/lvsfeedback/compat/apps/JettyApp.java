package io.lvsfeedback.compat.apps;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.jmx.MBeanContainer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** Jetty 12 with its default pool, JMX and a StatisticsHandler, a blocking handler that sleeps. */
public final class JettyApp {
    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.addBean(new MBeanContainer(ManagementFactory.getPlatformMBeanServer()));
        StatisticsHandler stats = new StatisticsHandler();
        stats.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Fields.Field ms = Request.extractQueryParameters(request).get("ms");
                response.write(true, StandardCharsets.US_ASCII.encode(Sleep.sleep(ms == null ? null : ms.getValue())), callback);
                return true;
            }
        });
        server.setHandler(stats);
        server.start();
        Sleep.ready(connector.getLocalPort());
        server.join();
    }
}
