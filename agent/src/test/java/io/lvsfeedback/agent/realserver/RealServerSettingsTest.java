package io.lvsfeedback.agent.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RealServerSettingsTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "ff02::1"})
    void aVipThatADirectorCannotForwardToIsRejectedByName(String literal) throws Exception {
        InetAddress address = InetAddress.getByName(literal);

        assertThatThrownBy(() -> RealServerSettings.builder().vip(address))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("vip " + Addresses.format(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "eth 0", "0123456789abcdef", "..", "eth0:1"})
    void aBadInterfaceNameIsRejectedByName(String name) {
        assertThatThrownBy(() -> RealServerSettings.builder().outwardInterfaces(Arrays.asList(name)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + name + "'");
    }

    @Test
    void drAndTunNeedAVipButNatAndOffDoNot() {
        assertThatThrownBy(() -> RealServerSettings.builder().forwarding(Forwarding.TUN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("vip: at least one VIP is required for forwarding=tun");
        assertThat(RealServerSettings.builder().forwarding(Forwarding.NAT).build().vips()).isEmpty();
        assertThat(RealServerSettings.builder().mode(NetworkMode.OFF).build().mode()).isEqualTo(NetworkMode.OFF);
    }

    @Test
    void reverifyIntervalMustBePositive() {
        assertThatThrownBy(() -> RealServerSettings.builder().reverifyInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    }

    @Test
    void defaultsAndImmutability() throws Exception {
        RealServerSettings s = RealServerSettings.builder().vips(Collections.singletonList(InetAddress.getByName("10.0.0.10")))
                .build();

        assertThat(s.mode()).isEqualTo(NetworkMode.VERIFY);
        assertThat(s.forwarding()).isEqualTo(Forwarding.DR);
        assertThat(s.sysctlRoot().toString()).isEqualTo("/proc/sys");
        assertThat(s.sysRoot().toString()).isEqualTo("/sys");
        assertThat(s.outwardInterfaces()).isEmpty();
        assertThat(s.director()).isEmpty();
        assertThatThrownBy(() -> s.vips().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void vlanInterfaceNamesBecomeSlashesInSysctlNames() {
        SysctlKey key = SysctlKey.ipv4Conf("eth0.100", "arp_ignore");

        assertThat(key.name()).isEqualTo("net.ipv4.conf.eth0/100.arp_ignore");
        assertThat(key.file(java.nio.file.Paths.get("/proc/sys")).toString())
                .isEqualTo("/proc/sys/net/ipv4/conf/eth0.100/arp_ignore");
    }
}
