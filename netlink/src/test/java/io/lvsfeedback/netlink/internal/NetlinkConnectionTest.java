package io.lvsfeedback.netlink.internal;

import static io.lvsfeedback.netlink.testing.ScriptedTransport.datagram;
import static io.lvsfeedback.netlink.testing.ScriptedTransport.error;
import static io.lvsfeedback.netlink.testing.ScriptedTransport.message;
import static io.lvsfeedback.netlink.testing.ScriptedTransport.sequences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lvsfeedback.netlink.NetlinkException;
import io.lvsfeedback.netlink.NetlinkTimeoutException;
import io.lvsfeedback.netlink.PermissionDeniedException;
import io.lvsfeedback.netlink.testing.ScriptedTransport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetlinkConnectionTest {
    private static final byte[] DATA = {1, 2, 3, 4};

    @Test
    void returnsTheReplyBeforeTheAckAndIgnoresStaleReplies() {
        ScriptedTransport transport = new ScriptedTransport(request -> {
            int seq = request.getInt(8);
            return List.of(
                    datagram(message(0x20, 0, seq - 1, new byte[] {9, 9, 9, 9})), // late answer to an older request
                    datagram(message(0x20, 0, seq, DATA), error(seq, 0)));
        });
        NetlinkConnection connection = new NetlinkConnection(transport, 100);
        List<Message> replies = connection.execute(new MessageBuilder(0x20, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK),
                ErrorMapper.forOperation("test"));
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).payload().getInt(0)).isEqualTo(ByteBuffer.wrap(DATA).order(ByteOrder.nativeOrder()).getInt());
        assertThat(ByteBuffer.wrap(transport.sent.get(0)).order(ByteOrder.nativeOrder()).getInt(8)).isEqualTo(101);
    }

    @Test
    void collectsAMultiPartDumpOverSeveralDatagramsUntilDone() {
        ScriptedTransport transport = new ScriptedTransport(request -> {
            int seq = request.getInt(8);
            return List.of(
                    datagram(message(0x20, Netlink.NLM_F_MULTI, seq, DATA), message(0x20, Netlink.NLM_F_MULTI, seq, DATA)),
                    datagram(message(0x20, Netlink.NLM_F_MULTI, seq, DATA)),
                    datagram(message(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, seq, new byte[4])));
        });
        List<Message> replies = new NetlinkConnection(transport, 1)
                .dump(new MessageBuilder(0x20, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP), ErrorMapper.forOperation("dump"));
        assertThat(replies).hasSize(3);
    }

    @Test
    void anInterruptedDumpIsAskedForAgain() {
        int[] calls = {0};
        ScriptedTransport transport = new ScriptedTransport(request -> {
            int seq = request.getInt(8);
            int flags = Netlink.NLM_F_MULTI | (calls[0]++ == 0 ? Netlink.NLM_F_DUMP_INTR : 0);
            return List.of(datagram(message(0x20, flags, seq, DATA), message(Netlink.NLMSG_DONE, flags, seq, new byte[4])));
        });
        List<Message> replies = new NetlinkConnection(transport, 1)
                .dump(new MessageBuilder(0x20, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP), ErrorMapper.forOperation("dump"));
        assertThat(transport.sent).hasSize(2);
        assertThat(replies).hasSize(1).allMatch(m -> (m.flags() & Netlink.NLM_F_DUMP_INTR) == 0);
    }

    @Test
    void aDumpThatKeepsBeingInterruptedFailsClearly() {
        ScriptedTransport transport = new ScriptedTransport(request -> {
            int seq = request.getInt(8);
            int flags = Netlink.NLM_F_MULTI | Netlink.NLM_F_DUMP_INTR;
            return List.of(datagram(message(0x20, flags, seq, DATA), message(Netlink.NLMSG_DONE, flags, seq, new byte[4])));
        });
        assertThatThrownBy(() -> new NetlinkConnection(transport, 1)
                .dump(new MessageBuilder(0x20, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP), ErrorMapper.forOperation("dump")))
                .isInstanceOf(NetlinkException.class)
                .hasMessageContaining("interrupted by concurrent changes 3 times");
        assertThat(transport.sent).hasSize(3);
    }

    @Test
    void mapsEpermToPermissionDenied() {
        ScriptedTransport transport = new ScriptedTransport(request -> List.of(error(request.getInt(8), -1)));
        assertThatThrownBy(() -> new NetlinkConnection(transport, 1)
                .execute(new MessageBuilder(0x20, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK), ErrorMapper.forOperation("x")))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageStartingWith("permission denied: needs CAP_NET_ADMIN")
                .extracting(e -> ((NetlinkException) e).errno()).isEqualTo(1);
    }

    @Test
    void carriesTheKernelsExtendedAckText() {
        ScriptedTransport transport = new ScriptedTransport(request -> {
            int seq = request.getInt(8);
            byte[] text = "Invalid operation\0".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer payload = ByteBuffer.allocate(4 + 16 + 4 + 20).order(ByteOrder.nativeOrder());
            payload.putInt(-22).putInt(16).putInt(0).putInt(seq).putInt(0)
                    .putShort((short) (4 + text.length)).putShort((short) Netlink.NLMSGERR_ATTR_MSG).put(text);
            return List.of(message(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED | Netlink.NLM_F_ACK_TLVS, seq, payload.array()));
        });
        assertThatThrownBy(() -> new NetlinkConnection(transport, 1)
                .execute(new MessageBuilder(0x20, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK), ErrorMapper.forOperation("setting")))
                .isInstanceOf(NetlinkException.class)
                .hasMessage("setting failed: EINVAL (Invalid argument) (kernel: Invalid operation)");
    }

    @Test
    void anErrorInTheDoneMessageOfADumpIsRaised() {
        ScriptedTransport transport = new ScriptedTransport(request -> {
            ByteBuffer status = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(-3);
            return List.of(message(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, request.getInt(8), status.array()));
        });
        assertThatThrownBy(() -> new NetlinkConnection(transport, 1)
                .dump(new MessageBuilder(0x20, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP), ErrorMapper.forOperation("dump")))
                .isInstanceOf(NetlinkException.class)
                .extracting(e -> ((NetlinkException) e).errno()).isEqualTo(3);
    }

    @Test
    void noReplyIsATimeoutNotAHang() {
        ScriptedTransport transport = new ScriptedTransport(request -> List.of());
        assertThatThrownBy(() -> new NetlinkConnection(transport, 1)
                .execute(new MessageBuilder(0x20, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK), ErrorMapper.forOperation("x")))
                .isInstanceOf(NetlinkTimeoutException.class);
    }

    @Test
    void batchSendsSeveralRequestsPerDatagramAndReportsEachResult() {
        ScriptedTransport transport = new ScriptedTransport(request -> {
            List<byte[]> acks = new ArrayList<>();
            List<Integer> seqs = sequences(request);
            // Acks out of order, the second request fails.
            for (int i = seqs.size() - 1; i >= 0; i--) {
                acks.add(error(seqs.get(i), i == 1 ? -2 : 0));
            }
            return List.of(datagram(acks.toArray(new byte[0][])));
        });
        List<MessageBuilder> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(new MessageBuilder(0x20, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK).u32(i));
        }
        List<KernelReply> replies = new NetlinkConnection(transport, 10).executeBatch(requests);
        assertThat(replies).extracting(KernelReply::errno).containsExactly(0, 2, 0);
        assertThat(transport.sent).hasSize(1);
        assertThat(sequences(ByteBuffer.wrap(transport.sent.get(0)).order(ByteOrder.nativeOrder()))).containsExactly(11, 12, 13);
    }

    @Test
    void largeBatchesAreSplitIntoChunks() {
        ScriptedTransport transport = new ScriptedTransport(request -> {
            List<byte[]> acks = new ArrayList<>();
            for (int seq : sequences(request)) {
                acks.add(error(seq, 0));
            }
            return List.of(datagram(acks.toArray(new byte[0][])));
        });
        List<MessageBuilder> requests = new ArrayList<>();
        for (int i = 0; i < NetlinkConnection.BATCH_CHUNK + 1; i++) {
            requests.add(new MessageBuilder(0x20, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK));
        }
        assertThat(new NetlinkConnection(transport, 1).executeBatch(requests)).allMatch(KernelReply::ok)
                .hasSize(NetlinkConnection.BATCH_CHUNK + 1);
        assertThat(transport.sent).hasSize(2);
    }
}
