package io.lvsfeedback.bench.matrix;

import io.lvsfeedback.bench.cli.Bounds;
import io.lvsfeedback.samples.cli.HostPort;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Pauses and resumes a director-bridge over remote JMX ({@code lvsfeedback:type=Bridge,name=...}, the one bridge of that JVM), one
 * JVM for a whole run: reads {@code pause}, {@code resume}, {@code status} or {@code quit} per line
 * on stdin and answers one line ({@code ok ...} / {@code error ...}). A paused bridge keeps
 * polling and deciding but writes nothing, so static phases can run with the bridge alive.
 *
 * <p>Retries the connection until {@code CONNECT-TIMEOUT-S} have passed.
 */
@Command(name = "BridgeSwitch", showDefaultValues = true,
        description = "Pauses and resumes a director-bridge over remote JMX: pause, resume, status or quit per line on stdin.")
public final class BridgeSwitch implements Callable<Integer> {
    /** Whatever its jmx-name: the JVM runs one bridge. */
    static final String BRIDGE = "lvsfeedback:type=Bridge,*";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    boolean help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST:PORT", converter = HostPort.class,
            defaultValue = "127.0.0.1:9011", description = "the bridge JVM's JMX registry")
    InetSocketAddress registry;

    @Parameters(index = "1", arity = "0..1", paramLabel = "CONNECT-TIMEOUT-S", defaultValue = "300",
            description = "seconds to retry the first connection")
    long connectTimeoutSeconds;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BridgeSwitch()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Bounds.within(spec, "CONNECT-TIMEOUT-S", connectTimeoutSeconds, 0, 86_400);
        long giveUp = System.nanoTime() + connectTimeoutSeconds * 1_000_000_000L;
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + registry.getHostString() + ":"
                + registry.getPort() + "/jmxrmi");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        JMXConnector connector = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String cmd = line.trim();
            if (cmd.isEmpty()) {
                continue;
            }
            if (cmd.equals("quit")) {
                System.out.println("ok bye");
                break;
            }
            try {
                if (connector == null) {
                    connector = connect(url, giveUp);
                }
                MBeanServerConnection c = connector.getMBeanServerConnection();
                ObjectName bridge = c.queryNames(new ObjectName(BRIDGE), null).stream().findFirst()
                        .orElseThrow(() -> new IllegalStateException("no " + BRIDGE + " bean"));
                switch (cmd) {
                    case "pause", "resume" -> {
                        c.invoke(bridge, cmd, new Object[0], new String[0]);
                        System.out.println("ok " + c.getAttribute(bridge, "Status"));
                    }
                    case "status" -> System.out.println("ok " + c.getAttribute(bridge, "Status"));
                    default -> System.out.println("error unknown command '" + cmd + "' (pause, resume, status, quit)");
                }
            } catch (Exception e) {
                System.out.println("error " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
                if (connector != null) {
                    try {
                        connector.close();
                    } catch (Exception ignored) {
                        // reconnect on the next command
                    }
                    connector = null;
                }
            }
            System.out.flush();
        }
        if (connector != null) {
            connector.close();
        }
        return 0;
    }

    private static JMXConnector connect(JMXServiceURL url, long giveUpNanos) throws Exception {
        while (true) {
            try {
                return JMXConnectorFactory.connect(url);
            } catch (Exception e) {
                if (System.nanoTime() > giveUpNanos) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }
}
