package io.lvsfeedback.netlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lvsfeedback.netlink.InterfaceNotFoundException;
import io.lvsfeedback.testfixtures.ChildClassPath;
import io.lvsfeedback.testfixtures.Commands;
import io.lvsfeedback.testfixtures.JoinedNamespace;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AddressClient against the host kernel, inside a namespace this test creates; ip(8) cross-checks. */
class AddressClientNamespaceTest {
    private static JoinedNamespace namespace;

    @BeforeAll
    static void createNamespace() {
        namespace = JoinedNamespace.create("lvsfb-nl-addr");
        // A veth pair gives a second interface with a real index; both links stay down.
        namespace.ip("link", "add", "nlv0", "type", "veth", "peer", "name", "nlv1");
    }

    @AfterAll
    static void deleteNamespace() {
        if (namespace != null) {
            namespace.close();
        }
    }

    @Test
    void addsListsAndDeletesAnIpv4HostAddressOnLoopbackWhileItIsDown() throws Exception {
        InetAddress vip = InetAddress.getByName("10.77.0.1");
        namespace.call(() -> {
            try (AddressClient client = AddressClient.open()) {
                assertThat(client.add("lo", vip)).isTrue();
                assertThat(namespace.ip("-o", "addr", "show", "dev", "lo"))
                        .contains("inet 10.77.0.1/32 scope global lo");
                assertThat(client.addresses("lo")).contains(vip);
                assertThat(client.add("lo", vip)).as("second add of the same address").isFalse();
                assertThat(client.delete("lo", vip)).isTrue();
                assertThat(namespace.ip("-o", "addr", "show", "dev", "lo")).doesNotContain("10.77.0.1");
                assertThat(client.addresses("lo")).doesNotContain(vip);
                assertThat(client.delete("lo", vip)).as("delete of an absent address").isFalse();
            }
            return null;
        });
    }

    @Test
    void addsAndDeletesAnIpv6HostAddress() throws Exception {
        InetAddress vip = InetAddress.getByName("2001:db8:77::1");
        namespace.call(() -> {
            try (AddressClient client = AddressClient.open()) {
                assertThat(client.add("nlv0", vip)).isTrue();
                assertThat(namespace.ip("-o", "-6", "addr", "show", "dev", "nlv0")).contains("inet6 2001:db8:77::1/128");
                assertThat(client.addresses("nlv0")).contains(vip);
                assertThat(client.add("nlv0", vip)).isFalse();
                assertThat(client.delete("nlv0", vip)).isTrue();
                assertThat(namespace.ip("-o", "-6", "addr", "show", "dev", "nlv0")).doesNotContain("2001:db8:77::1");
                assertThat(client.delete("nlv0", vip)).isFalse();
            }
            return null;
        });
    }

    @Test
    void listsAddressesSomeoneElseAddedOnlyForTheNamedInterface() throws Exception {
        namespace.ip("addr", "add", "10.77.1.1/24", "dev", "nlv1");
        namespace.ip("addr", "add", "10.77.2.2/32", "dev", "lo");
        try {
            List<InetAddress> onVeth = namespace.call(() -> {
                try (AddressClient client = AddressClient.open()) {
                    return client.addresses("nlv1");
                }
            });
            assertThat(onVeth).contains(InetAddress.getByName("10.77.1.1"))
                    .doesNotContain(InetAddress.getByName("10.77.2.2"));
        } finally {
            namespace.ip("addr", "del", "10.77.1.1/24", "dev", "nlv1");
            namespace.ip("addr", "del", "10.77.2.2/32", "dev", "lo");
        }
    }

    @Test
    void interfaceIndexMatchesIpEvenWhileTheLinkIsDown() {
        String line = namespace.ip("-o", "link", "show", "nlv1");
        int expected = Integer.parseInt(line.substring(0, line.indexOf(':')));
        int actual = namespace.call(() -> {
            try (AddressClient client = AddressClient.open()) {
                return client.ifindex("nlv1");
            }
        });
        assertThat(actual).isEqualTo(expected);
        assertThat(line).contains("state DOWN");
    }

    @Test
    void unknownAndInvalidInterfaceNamesGiveClearErrors() {
        namespace.call(() -> {
            try (AddressClient client = AddressClient.open()) {
                assertThatThrownBy(() -> client.add("nosuch0", InetAddress.getByName("10.77.3.3")))
                        .isInstanceOf(InterfaceNotFoundException.class)
                        .hasMessageContaining("nosuch0");
                assertThatThrownBy(() -> client.addresses("bad/name"))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("bad/name");
                assertThatThrownBy(() -> client.ifindex("a-name-longer-than-15"))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            return null;
        });
    }

    @Test
    void withoutCapNetAdminAddFailsWithPermissionDenied() {
        // Root without CAP_NET_ADMIN in its bounding set: exec cannot regain it, files stay readable.
        Commands.Result result = Commands.exec(List.of("ip", "netns", "exec", namespace.name(),
                "setpriv", "--bounding-set=-net_admin", "--inh-caps=-all",
                javaBinary(), "-cp", ChildClassPath.of(AddressProbe.class),
                AddressProbe.class.getName(), "lo", "10.77.4.4"), 120);
        assertThat(result.output).contains("ERR PermissionDeniedException 1 permission denied: needs CAP_NET_ADMIN");
        assertThat(namespace.ip("-o", "addr", "show", "dev", "lo")).doesNotContain("10.77.4.4");
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
