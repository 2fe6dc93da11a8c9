package io.lvsfeedback.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bridge.ipvs.DestinationEntry;
import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.bridge.ipvs.WeightWrite;
import io.lvsfeedback.bridge.ipvs.WriteResult;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticIpvsTableTest {

    @Test
    void readsBackWhatWasWritten() {
        SyntheticIpvsTable table = new SyntheticIpvsTable(2, 3);

        List<WriteResult> results = table.write(List.of(new WeightWrite(ServiceKey.parse("tcp:10.100.0.2:80"), DestinationKey.parse("10.77.2.3:80"), 42)));

        assertThat(results).allMatch(WriteResult::succeeded);
        DestinationEntry d = table.read().services().get(1).destinations().get(2);
        assertThat(d.key()).hasToString("10.77.2.3:80");
        assertThat(d.weight()).isEqualTo(42);
        assertThat(table.writes()).isEqualTo(1);
    }

    @Test
    void startsWithEveryDestinationAtWeight100() {
        SyntheticIpvsTable table = new SyntheticIpvsTable(20, 100);

        assertThat(table.read().services()).hasSize(20)
                .allSatisfy(s -> assertThat(s.destinations()).hasSize(100).allMatch(d -> d.weight() == 100));
    }

    @Test
    void anUnknownDestinationFailsAlone() {
        SyntheticIpvsTable table = new SyntheticIpvsTable(1, 1);

        List<WriteResult> results = table.write(List.of(
                new WeightWrite(ServiceKey.parse("tcp:10.100.0.1:80"), DestinationKey.parse("10.77.9.9:80"), 5),
                new WeightWrite(ServiceKey.parse("tcp:10.100.0.1:80"), DestinationKey.parse("10.77.1.1:80"), 7)));

        assertThat(results).extracting(WriteResult::succeeded).containsExactly(false, true);
        assertThat(table.read().services().get(0).destinations().get(0).weight()).isEqualTo(7);
    }
}
