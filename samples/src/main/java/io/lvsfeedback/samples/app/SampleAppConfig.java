package io.lvsfeedback.samples.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of the sample application. Each comes from a system property, else an environment
 * variable, else its default:
 *
 * <table>
 *   <tr><th>property</th><th>environment</th><th>default</th></tr>
 *   <tr><td>sample.name</td><td>SAMPLE_NAME</td><td>host name</td></tr>
 *   <tr><td>sample.host</td><td>SAMPLE_HOST</td><td>0.0.0.0 (all addresses, the VIP included)</td></tr>
 *   <tr><td>sample.port</td><td>SAMPLE_PORT</td><td>8080</td></tr>
 *   <tr><td>sample.max-threads</td><td>SAMPLE_MAX_THREADS</td><td>32</td></tr>
 * </table>
 *
 * @param name       how this server identifies itself in its answers, e.g. {@code rs1}
 * @param host       address to listen on
 * @param port       TCP port, 0 for any free port
 * @param maxThreads size of Jetty's request thread pool (small, so saturation shows in a demo)
 */
public record SampleAppConfig(String name, String host, int port, int maxThreads) {

    public SampleAppConfig {
        if (name == null || name.isBlank() || !name.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException("sample.name must be printable ASCII without spaces, got '" + name + "'");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("sample.host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("sample.port must be within 0..65535, got " + port);
        }
        if (maxThreads < 4 || maxThreads > 10_000) {
            // Jetty leases a few threads to its selectors and acceptors before any request runs (2 on
            // 2 CPUs; it refuses to start when too few are left); benchmarks run 2-thread servers.
            throw new IllegalArgumentException("sample.max-threads must be within 4..10000, got " + maxThreads);
        }
    }

    public static SampleAppConfig from(Properties properties, Map<String, String> environment) {
        String name = setting(properties, environment, "sample.name", "SAMPLE_NAME", null);
        String host = setting(properties, environment, "sample.host", "SAMPLE_HOST", "0.0.0.0");
        String port = setting(properties, environment, "sample.port", "SAMPLE_PORT", "8080");
        String threads = setting(properties, environment, "sample.max-threads", "SAMPLE_MAX_THREADS", "32");
        return new SampleAppConfig(name == null ? hostName() : name, host,
                parseInt("sample.port", port), parseInt("sample.max-threads", threads));
    }

    private static String setting(Properties properties, Map<String, String> environment,
                                  String property, String variable, String fallback) {
        String value = properties.getProperty(property);
        if (value == null) {
            value = environment.get(variable);
        }
        return value == null ? fallback : value.trim();
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
