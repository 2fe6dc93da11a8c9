package io.lvsfeedback.model.protocol;

import java.security.SecureRandom;

/** Fresh random request nonces: 16 bytes as 32 lowercase hex digits. */
public final class Nonce {
    public static final int HEX_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Nonce() {}

    public static String next() {
        byte[] bytes = new byte[HEX_LENGTH / 2];
        RANDOM.nextBytes(bytes);
        return WireSyntax.hex(bytes);
    }

    public static boolean isValid(String nonce) {
        return nonce != null && WireSyntax.isLowerHex(nonce, HEX_LENGTH);
    }
}
