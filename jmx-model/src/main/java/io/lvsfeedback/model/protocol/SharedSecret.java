package io.lvsfeedback.model.protocol;

import io.lvsfeedback.model.file.BoundedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key(s) shared by an agent and its bridges; signs and checks reports with HMAC-SHA256. Several
 * keys allow rotation without downtime (docs/PROTOCOL.md "Keys"): reports are signed with the
 * first and accepted when any of them checks.
 */
public final class SharedSecret {
    private static final String ALGORITHM = "HmacSHA256";
    /** Shorter keys are too easy to guess for a MAC that guards weights. */
    public static final int MIN_BYTES = 16;
    /** Largest key file read: room for many keys, and a bound on what a wrong path can cost. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    private final List<Key> keys;

    private SharedSecret(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /** One key and its Mac: Mac.getInstance searches the providers, so one initialised Mac per thread is reused. */
    private static final class Key {
        final int length;
        final ThreadLocal<Mac> macs;

        Key(byte[] bytes) {
            this.length = bytes.length;
            byte[] key = bytes.clone();
            this.macs = ThreadLocal.withInitial(() -> newMac(key));
        }

        byte[] mac(String text) {
            // doFinal resets the Mac, so the next call starts clean.
            return macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
        }

        private static Mac newMac(byte[] key) {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(key, ALGORITHM));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 unavailable in this JDK", e);
            }
        }
    }

    /**
     * Reads a key file: one key per line, each line's bytes with trailing whitespace trimmed, blank
     * lines skipped; the first key signs. Only a regular file of at most {@link #MAX_FILE_BYTES} is
     * read ({@link BoundedFile}).
     *
     * @throws IOException when the file cannot be read, naming it
     * @throws IllegalArgumentException naming the file and line when a key is shorter than {@link #MIN_BYTES}, or none is there
     */
    public static SharedSecret fromFile(Path file) throws IOException {
        byte[] raw;
        try {
            raw = BoundedFile.read(file, MAX_FILE_BYTES);
        } catch (IOException e) {
            throw new IOException("cannot read secret-file " + e.getMessage(), e);
        }
        List<Key> keys = new ArrayList<>();
        int start = 0;
        for (int line = 1; start < raw.length; line++) {
            int end = start;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int trimmed = end;
            while (trimmed > start && Character.isWhitespace(raw[trimmed - 1])) {
                trimmed--;
            }
            if (trimmed > start) {
                keys.add(key(Arrays.copyOfRange(raw, start, trimmed), file + " line " + line));
            }
            start = end + 1;
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(file + ": no key in it");
        }
        return new SharedSecret(keys);
    }

    /** A key from bytes already in memory (tests, configuration). */
    public static SharedSecret of(byte[] key) {
        return new SharedSecret(List.of(key(key, "key")));
    }

    public static SharedSecret of(String key) {
        return of(key.getBytes(StandardCharsets.UTF_8));
    }

    private static Key key(byte[] bytes, String what) {
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException(what + ": key is " + bytes.length + " bytes, needs at least " + MIN_BYTES);
        }
        return new Key(bytes);
    }

    /** Lowercase hex HMAC-SHA256 of the text's UTF-8 bytes, with the first key. */
    public String sign(String text) {
        return WireSyntax.hex(keys.get(0).mac(text));
    }

    /** True when any key gives this signature; every key is tried, each in constant time. */
    public boolean verify(String text, String signature) {
        byte[] given = signature.getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (Key k : keys) {
            match |= MessageDigest.isEqual(WireSyntax.hex(k.mac(text)).getBytes(StandardCharsets.US_ASCII), given);
        }
        return match;
    }

    /** How many keys are accepted (the first signs). */
    public int keyCount() {
        return keys.size();
    }

    @Override
    public String toString() {
        StringBuilder lengths = new StringBuilder();
        for (Key k : keys) {
            lengths.append(lengths.length() == 0 ? "" : ", ").append(k.length);
        }
        return "SharedSecret[" + (keys.size() == 1 ? "" : keys.size() + " keys: ") + lengths + " bytes]";
    }
}
