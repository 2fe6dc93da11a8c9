package io.lvsfeedback.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.netlink.ipvs.IpvsInfo;
import org.junit.jupiter.api.Test;

class IpvsJsonFormatTest {

    @Test
    void listsServicesWithDestinationsAndTheirSettings() {
        String json = IpvsJsonFormat.format(new IpvsInfo(0x010201, 4096), IpvsTableFormatTest.table());
        assertThat(json).startsWith("{\"version\":\"1.2.1\",\"connectionTableSize\":4096,\"services\":[{\"key\":\"tcp:10.77.0.100:80\"")
                .contains("{\"address\":\"10.77.0.11\",\"port\":80,\"forward\":\"DR\",\"weight\":5,\"upperThreshold\":100,"
                        + "\"lowerThreshold\":10,\"tunnelType\":\"IPIP\"")
                .contains("\"forward\":\"TUNNEL\",\"weight\":1,\"upperThreshold\":0,\"lowerThreshold\":0,\"tunnelType\":\"GUE\",\"tunnelPort\":6080")
                .contains("{\"key\":\"udp:[2001:db8:77::100]:53\",\"family\":\"inet6\",\"protocol\":\"udp\",\"address\":\"2001:db8:77::100\","
                        + "\"port\":53,\"firewallMark\":0,\"scheduler\":\"sh\",\"flags\":1,\"persistent\":true,\"timeout\":300,\"netmask\":128")
                .contains("{\"key\":\"fwm:5\",\"family\":\"inet\",\"protocol\":null,\"address\":null,\"port\":0,\"firewallMark\":5")
                .endsWith("\"destinations\":[]}]}\n");
    }

    @Test
    void escapesStrings() {
        assertThat(IpvsJsonFormat.string("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\u000a\"");
    }
}
