package io.lvsfeedback.model.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The lexical rules of LVSFB/1: keys, percent-encoded values, hex. */
final class WireSyntax {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private WireSyntax() {}

    static boolean isKey(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlain(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '.' || b == '_' || b == ':' || b == ';' || b == ',' || b == '/' || b == '+' || b == '-';
    }

    static String encodeValue(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte raw : value.getBytes(StandardCharsets.UTF_8)) {
            int b = raw & 0xff;
            if (isPlain(b)) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    /** Length of {@link #encodeValue}'s result, without building it. */
    static int encodedLength(String value) {
        int n = 0;
        for (byte raw : value.getBytes(StandardCharsets.UTF_8)) {
            n += isPlain(raw & 0xff) ? 1 : 3;
        }
        return n;
    }

    static String decodeValue(String key, String encoded) throws ProtocolException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new ProtocolException("value of '" + key + "': truncated %-escape");
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new ProtocolException("value of '" + key + "': bad %-escape '" + encoded.substring(i, i + 3) + "'");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (isPlain(c)) {
                bytes.write(c);
            } else {
                throw new ProtocolException("value of '" + key + "': character 0x" + Integer.toHexString(c) + " must be %-encoded");
            }
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }

    static boolean isLowerHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
