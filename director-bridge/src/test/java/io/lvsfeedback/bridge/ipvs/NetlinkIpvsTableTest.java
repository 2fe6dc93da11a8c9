package io.lvsfeedback.bridge.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.netlink.ServiceNotFoundException;
import io.lvsfeedback.netlink.ipvs.Destination;
import io.lvsfeedback.netlink.ipvs.ForwardingMethod;
import io.lvsfeedback.netlink.ipvs.IpvsClient;
import io.lvsfeedback.netlink.ipvs.IpvsInfo;
import io.lvsfeedback.netlink.ipvs.Service;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import io.lvsfeedback.netlink.ipvs.WeightChange;
import io.lvsfeedback.netlink.ipvs.WeightResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bridge's table over a scripted IpvsClient: keys, and what SET_DEST sends back. */
class NetlinkIpvsTableTest {
    static final ServiceKey WEB = ServiceKey.parse("tcp:10.0.0.10:80");
    static final DestinationKey RS1 = DestinationKey.parse("10.0.0.2:80");

    final Client client = new Client();
    final NetlinkIpvsTable table = new NetlinkIpvsTable(client);

    static Destination rs1(int weight, int upperThreshold) throws Exception {
        return Destination.builder(InetAddress.getByName("10.0.0.2"), 80).method(ForwardingMethod.TUNNEL)
                .weight(weight).thresholds(upperThreshold, 0).build();
    }

    @Test
    void readsTypedKeysAndWritesBackTheDestinationAsLastRead() throws Exception {
        client.put(WEB, rs1(100, 0));
        TableSnapshot snapshot = table.read();
        assertThat(snapshot.services()).extracting(ServiceEntry::key).containsExactly(WEB);
        assertThat(snapshot.services().get(0).destinations()).containsExactly(new DestinationEntry(RS1, 100, 0));
        client.put(WEB, rs1(100, 500)); // a threshold set by someone else after the read
        assertThat(table.destinations(WEB)).containsExactly(new DestinationEntry(RS1, 100, 0));
        List<WriteResult> results = table.write(List.of(new WeightWrite(WEB, RS1, 7)));
        assertThat(results).allMatch(WriteResult::succeeded);
        WeightChange sent = client.applied.get(0);
        assertThat(sent.newWeight()).isEqualTo(7);
        assertThat(sent.current().upperThreshold()).as("the re-read's settings go back with SET_DEST").isEqualTo(500);
        assertThat(sent.current().method()).isEqualTo(ForwardingMethod.TUNNEL);
    }

    @Test
    void aServiceGoneBeforeTheReReadHasNoDestinations() throws Exception {
        client.put(WEB, rs1(100, 0));
        table.read();
        client.services.clear();
        assertThat(table.destinations(WEB)).isEmpty();
    }

    @Test
    void aWriteToADestinationNeverReadFailsAlone() throws Exception {
        client.put(WEB, rs1(100, 0));
        table.read();
        List<WriteResult> results = table.write(List.of(new WeightWrite(WEB, DestinationKey.parse("10.0.0.9:80"), 5),
                new WeightWrite(WEB, RS1, 6)));
        assertThat(results).extracting(WriteResult::succeeded).containsExactly(false, true);
        assertThat(results.get(0).error()).isEqualTo("not in the last IPVS read");
    }

    /** Services and their destinations in memory; records the weights applied. */
    static final class Client implements IpvsClient {
        final Map<ServiceKey, List<Destination>> services = new LinkedHashMap<>();
        final List<WeightChange> applied = new ArrayList<>();

        void put(ServiceKey key, Destination d) {
            services.put(key, new ArrayList<>(List.of(d)));
        }

        @Override
        public List<Service> services() {
            return services.keySet().stream().map(k -> Service.builder(k).scheduler("wrr").build()).toList();
        }

        @Override
        public List<Destination> destinations(Service service) {
            return destinations(service.key());
        }

        @Override
        public List<Destination> destinations(ServiceKey key) {
            List<Destination> ds = services.get(key);
            if (ds == null) {
                throw new ServiceNotFoundException(3, "service not found: " + key);
            }
            return List.copyOf(ds);
        }

        @Override
        public List<WeightResult> applyWeights(List<WeightChange> changes) {
            applied.addAll(changes);
            return changes.stream().map(c -> new WeightResult(c, null)).toList();
        }

        @Override
        public IpvsInfo info() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Service service(ServiceKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addService(Service service) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeService(Service service) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addDestination(Service service, Destination destination) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeDestination(Service service, InetSocketAddress destination) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setWeight(Service service, Destination current, int weight) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }
}
