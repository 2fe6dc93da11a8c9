package io.lvsfeedback.samples.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Once a second: the kernel's weights, every agent's report, and who answered the last second's requests. */
public final class Sampler {

    private final DemoSettings settings;
    private final AgentPoller agents;
    private final String service;

    public Sampler(DemoSettings settings, AgentPoller agents) {
        this.settings = settings;
        this.agents = agents;
        this.service = settings.vip().getAddress().getHostAddress() + ":" + settings.vip().getPort();
    }

    public Tick sample(double seconds, List<RequestRecord> records) {
        Map<String, IpvsDestination> kernel = new HashMap<>();
        String listing = listing();
        if (listing != null) {
            for (IpvsDestination d : IpvsListing.destinations(listing, service)) {
                kernel.put(d.host(), d);
            }
        }
        long nowMillis = (long) (seconds * 1000);
        Map<String, Integer> answered = answeredInLastSecond(records, nowMillis);
        int total = answered.values().stream().mapToInt(Integer::intValue).sum();
        List<ServerSample> out = new ArrayList<>();
        for (Map.Entry<String, String> server : settings.servers().entrySet()) {
            IpvsDestination d = kernel.get(server.getValue());
            int n = answered.getOrDefault(server.getKey(), 0);
            AgentView agent = agents.poll(new InetSocketAddress(server.getValue(), settings.agentPort()));
            out.add(new ServerSample(server.getKey(), d == null ? -1 : d.weight(), d == null ? 0 : d.activeConnections(),
                    n, total == 0 ? Double.NaN : (double) n / total, agent));
        }
        return new Tick(seconds, out);
    }

    /** The IPVS table as text, or null when it cannot be read this time. */
    private String listing() {
        if (settings.ipvsFile() != null) {
            try {
                return Files.readString(settings.ipvsFile());
            } catch (IOException e) {
                return null;
            }
        }
        CommandRunner.Result result = CommandRunner.run(settings.ipvsCommand(), 10);
        return result.ok() ? result.output() : null;
    }

    /** Answered requests per server that completed within the second before {@code nowMillis}. */
    static Map<String, Integer> answeredInLastSecond(List<RequestRecord> records, long nowMillis) {
        Map<String, Integer> out = new HashMap<>();
        for (RequestRecord r : records) {
            double end = r.startMillis() + r.latencyMillis();
            if (r.ok() && end >= nowMillis - 1000 && end < nowMillis) {
                out.merge(r.server(), 1, Integer::sum);
            }
        }
        return out;
    }
}
