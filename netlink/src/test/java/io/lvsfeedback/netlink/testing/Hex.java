package io.lvsfeedback.netlink.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Hex fixtures: whitespace-separated two-digit bytes, as strace -xx prints them without the \x. */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String hex) {
        String compact = hex.replaceAll("\\s+", "");
        byte[] out = new byte[compact.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(compact.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    public static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(bytes(hex)).order(ByteOrder.nativeOrder());
    }

    public static String of(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(String.format("%02x", b & 0xFF));
        }
        return out.toString();
    }
}
