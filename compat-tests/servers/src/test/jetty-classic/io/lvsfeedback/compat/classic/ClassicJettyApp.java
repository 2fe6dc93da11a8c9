package io.lvsfeedback.compat.classic;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.jmx.MBeanContainer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.StatisticsHandler;

/**
 * Jetty 9.4 / 10 / 11 (the javax/jakarta-servlet handler API; compiled by the test against each
 * line's jars, not by Maven): default pool, JMX, a StatisticsHandler, a handler that sleeps.
 */
public final class ClassicJettyApp {
    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.addBean(new MBeanContainer(ManagementFactory.getPlatformMBeanServer()));
        StatisticsHandler stats = new StatisticsHandler();
        stats.setHandler(new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest req, HttpServletResponse resp)
                    throws IOException {
                String ms = req.getParameter("ms");
                long millis = ms == null ? 0 : Long.parseLong(ms);
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = ("slept " + millis + "\n").getBytes("US-ASCII");
                resp.setContentLength(body.length);
                resp.getOutputStream().write(body);
                base.setHandled(true);
            }
        });
        server.setHandler(stats);
        server.start();
        System.out.println("APP-READY port=" + connector.getLocalPort());
        System.out.flush();
        server.join();
    }
}
