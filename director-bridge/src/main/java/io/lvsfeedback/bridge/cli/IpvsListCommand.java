package io.lvsfeedback.bridge.cli;

import io.lvsfeedback.netlink.NetlinkException;
import io.lvsfeedback.netlink.ipvs.Destination;
import io.lvsfeedback.netlink.ipvs.IpvsClient;
import io.lvsfeedback.netlink.ipvs.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipvs list [--json]}: the IPVS table, laid out like {@code ipvsadm -Ln}, or as JSON. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Print the IPVS table like 'ipvsadm -Ln' (or as JSON with --json).")
public final class IpvsListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print JSON: version, table size, services with destinations and stats.")
    boolean json;

    @Override
    public Integer call() {
        try (IpvsClient client = IpvsClient.open()) {
            Map<Service, List<Destination>> table = new LinkedHashMap<>();
            for (Service service : client.services()) {
                table.put(service, new ArrayList<>(client.destinations(service)));
            }
            Map<Service, List<Destination>> sorted = IpvsTableFormat.sortLikeIpvsadm(table);
            String text = json ? IpvsJsonFormat.format(client.info(), sorted) : IpvsTableFormat.format(client.info(), sorted);
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (NetlinkException e) {
            spec.commandLine().getErr().println("ipvs list: " + e.getMessage());
            return 1;
        }
    }
}
