package io.lvsfeedback.netlink.ipvs;

import static io.lvsfeedback.netlink.testing.ScriptedTransport.datagram;
import static io.lvsfeedback.netlink.testing.ScriptedTransport.error;
import static io.lvsfeedback.netlink.testing.ScriptedTransport.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lvsfeedback.netlink.DestinationNotFoundException;
import io.lvsfeedback.netlink.IpvsNotAvailableException;
import io.lvsfeedback.netlink.testing.ScriptedTransport;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client after ip_vs was unloaded and loaded again, against a scripted kernel: the family's id
 * changes, requests to the old one fail with ENOENT, and the same client object goes on working.
 */
class FamilyReloadTest {
    private static final int CTRL = 0x10;
    private static final int NOT_LOADED = -1;

    /** A kernel whose IPVS family id can change; remembers the type of every request it got. */
    private static final class ReloadableKernel {
        int familyId = 32;
        int foreignFamilyAtOldId = NOT_LOADED;
        final List<Integer> requestTypes = new ArrayList<>();
        boolean destinationExists = true;

        List<byte[]> answer(ByteBuffer datagram) {
            List<byte[]> out = new ArrayList<>();
            int offset = 0;
            while (offset + 16 <= datagram.limit()) {
                int length = datagram.getInt(offset);
                int type = datagram.getShort(offset + 4) & 0xFFFF;
                int flags = datagram.getShort(offset + 6) & 0xFFFF;
                int sequence = datagram.getInt(offset + 8);
                int command = datagram.get(offset + 16);
                requestTypes.add(type);
                out.add(answerOne(type, flags, command, sequence));
                offset += (length + 3) & ~3;
            }
            return out;
        }

        private byte[] answerOne(int type, int flags, int command, int sequence) {
            if (type == CTRL) {
                return familyId == NOT_LOADED ? datagram(error(sequence, -2))
                        : datagram(familyReply(sequence, familyId), error(sequence, 0));
            }
            if (type == foreignFamilyAtOldId) { // genetlink: that family has no such command
                return datagram(error(sequence, -95));
            }
            if (type != familyId) {
                return datagram(error(sequence, -2)); // genetlink: no family with that id
            }
            if ((flags & 0x300) == 0x300) { // dump: nothing in the table
                return datagram(message(3, 2, sequence, new byte[4]));
            }
            if (command == IpvsConstants.CMD_SET_DEST && !destinationExists) {
                return datagram(error(sequence, -2));
            }
            return datagram(error(sequence, 0));
        }

        void reload() {
            foreignFamilyAtOldId = NOT_LOADED;
            familyId++;
        }
    }

    private final ReloadableKernel kernel = new ReloadableKernel();
    private final NetlinkIpvsClient client = new NetlinkIpvsClient(new ScriptedTransport(kernel::answer));
    private final Service service = Service.builder(ServiceKey.parse("tcp:10.0.0.1:80")).scheduler("wrr").build();
    private final Destination destination = Destination.builder(address("10.0.0.2"), 80)
            .method(ForwardingMethod.DR).weight(5).build();

    @Test
    void aWeightWrittenAfterAReloadGoesToTheNewFamilyId() {
        kernel.reload();
        kernel.requestTypes.clear();

        client.setWeight(service, destination, 7);

        assertThat(kernel.requestTypes).containsExactly(32, CTRL, 33);
        assertThat(client.familyId()).isEqualTo(33);
    }

    @Test
    void aBatchAndADumpAfterAReloadSucceed() {
        kernel.reload();

        List<WeightResult> results = client.applyWeights(List.of(
                new WeightChange(service, destination, 7),
                new WeightChange(service, destination.toBuilder().weight(1).build(), 2)));
        assertThat(results).allMatch(WeightResult::succeeded);
        kernel.reload();
        assertThat(client.services()).isEmpty();
        assertThat(client.familyId()).isEqualTo(34);
    }

    @Test
    void aMissingDestinationIsStillReportedAsSuchWhenTheFamilyDidNotChange() {
        kernel.destinationExists = false;
        kernel.requestTypes.clear();

        assertThatThrownBy(() -> client.setWeight(service, destination, 7))
                .isInstanceOf(DestinationNotFoundException.class);
        assertThat(kernel.requestTypes).containsExactly(32, CTRL); // looked up once, not retried
        List<WeightResult> results = client.applyWeights(List.of(new WeightChange(service, destination, 7)));
        assertThat(results.get(0).error()).isInstanceOf(DestinationNotFoundException.class);
    }

    @Test
    void whileTheModuleIsOutRequestsSayIpvsIsNotAvailableAndTheClientRecoversAfterwards() {
        kernel.familyId = NOT_LOADED;

        assertThatThrownBy(() -> client.setWeight(service, destination, 7))
                .isInstanceOf(IpvsNotAvailableException.class)
                .hasMessage(NetlinkIpvsClient.NOT_AVAILABLE);
        kernel.familyId = 40;

        client.setWeight(service, destination, 7);
        assertThat(client.familyId()).isEqualTo(40);
    }

    @Test
    void anotherFamilyThatTookTheOldIdMakesTheClientLookIpvsUpAgain() {
        kernel.foreignFamilyAtOldId = 32;
        kernel.familyId = 35;
        kernel.requestTypes.clear();

        assertThat(client.services()).isEmpty();
        assertThat(kernel.requestTypes).containsExactly(32, CTRL, 35);
    }

    private static byte[] familyReply(int sequence, int familyId) {
        ByteBuffer payload = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
        payload.put((byte) 1).put((byte) 2).putShort((short) 0); // CTRL_CMD_NEWFAMILY, version 2
        payload.putShort((short) 6).putShort((short) 1).putShort((short) familyId).putShort((short) 0);
        return message(CTRL, 0, sequence, payload.array());
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
