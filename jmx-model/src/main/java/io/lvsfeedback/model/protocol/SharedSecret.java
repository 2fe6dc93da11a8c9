package io.lvsfeedback.model.protocol;

import io.lvsfeedback.model.file.BoundedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The key shared by an agent and its bridges; signs and checks reports with HMAC-SHA256. */
public final class SharedSecret {
    private static final String ALGORITHM = "HmacSHA256";
    /** Shorter keys are too easy to guess for a MAC that guards weights. */
    public static final int MIN_BYTES = 16;
    /** Largest key file read: room for many keys, and a bound on what a wrong path can cost. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    private final byte[] key;
    // Mac.getInstance searches the providers and allocates; one initialised Mac per thread is reused.
    private final ThreadLocal<Mac> macs;

    private SharedSecret(byte[] key) {
        this.key = key;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable in this JDK", e);
        }
    }

    /**
     * Reads a key file: its bytes with trailing whitespace (a final newline) trimmed. Only a regular
     * file of at most {@link #MAX_FILE_BYTES} is read ({@link BoundedFile}).
     *
     * @throws IOException when the file cannot be read, naming it
     * @throws IllegalArgumentException when the key is shorter than {@link #MIN_BYTES}
     */
    public static SharedSecret fromFile(Path file) throws IOException {
        byte[] raw;
        try {
            raw = BoundedFile.read(file, MAX_FILE_BYTES);
        } catch (IOException e) {
            throw new IOException("cannot read secret-file " + e.getMessage(), e);
        }
        int end = raw.length;
        while (end > 0 && Character.isWhitespace(raw[end - 1])) {
            end--;
        }
        return of(Arrays.copyOf(raw, end), file.toString());
    }

    /** A key from bytes already in memory (tests, configuration). */
    public static SharedSecret of(byte[] key) {
        return of(key.clone(), "key");
    }

    public static SharedSecret of(String key) {
        return of(key.getBytes(StandardCharsets.UTF_8), "key");
    }

    private static SharedSecret of(byte[] key, String what) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException(what + ": secret is " + key.length
                    + " bytes, needs at least " + MIN_BYTES);
        }
        return new SharedSecret(key);
    }

    /** Lowercase hex HMAC-SHA256 of the text's UTF-8 bytes. */
    public String sign(String text) {
        // doFinal resets the Mac, so the next call starts clean.
        return WireSyntax.hex(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Checks a signature in constant time. */
    public boolean verify(String text, String signature) {
        byte[] expected = sign(text).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "SharedSecret[" + key.length + " bytes]";
    }
}
