package org.trackflow.udfs.fingerprint;

import java.io.ByteArrayOutputStream;
import java.util.Base64;

/**
 * Chromaprint's compressed fingerprint format ({@code fingerprint_compressor.cpp},
 * {@code fingerprint_decompressor.cpp}, {@code utils/base64.cpp}), the string {@code fpcalc} prints after
 * {@code FINGERPRINT=} and AcoustID stores.
 *
 * <p>Each item is XORed with its predecessor (consecutive items share most bits), and the set bits of the
 * result are written as the gaps between their positions (1-based, from the least significant bit),
 * terminated by a 0: gaps below 7 as one 3-bit value, larger gaps as 7 plus the excess in a separate 5-bit
 * stream. Layout: algorithm byte ({@code 1} for the default algorithm), item count as 3 bytes big endian,
 * the 3-bit values, the 5-bit values; both streams packed least significant bit first. Text form: URL-safe
 * base64 ({@code -_}) without padding.
 */
public final class FingerprintCompressor {
    /** Algorithm id of {@code CHROMAPRINT_ALGORITHM_TEST2}, the default. */
    public static final int ALGORITHM_TEST2 = 1;

    private static final int NORMAL_BITS = 3;
    private static final int EXCEPTION_BITS = 5;
    private static final int MAX_NORMAL = (1 << NORMAL_BITS) - 1;

    /** A decoded fingerprint. */
    public record Decoded(int algorithm, int[] items) {}

    private FingerprintCompressor() {}

    /** The base64 string {@code fpcalc} prints for these raw items (default algorithm). */
    public static String encode(int[] items) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(compress(items, ALGORITHM_TEST2));
    }

    /** Inverse of {@link #encode}. */
    public static Decoded decode(String fingerprint) {
        return decompress(Base64.getUrlDecoder().decode(fingerprint));
    }

    public static byte[] compress(int[] items, int algorithm) {
        if (items.length > 0xFFFFFF) {
            throw new IllegalArgumentException("too many items: " + items.length);
        }
        ByteArrayOutputStream normal = new ByteArrayOutputStream(items.length * 4);
        ByteArrayOutputStream exceptional = new ByteArrayOutputStream(items.length / 10 + 1);
        for (int i = 0; i < items.length; i++) {
            int x = i == 0 ? items[0] : items[i] ^ items[i - 1];
            int lastBit = 0;
            for (int bit = 1; x != 0; bit++, x >>>= 1) {
                if ((x & 1) != 0) {
                    int gap = bit - lastBit;
                    if (gap >= MAX_NORMAL) {
                        normal.write(MAX_NORMAL);
                        exceptional.write(gap - MAX_NORMAL);
                    } else {
                        normal.write(gap);
                    }
                    lastBit = bit;
                }
            }
            normal.write(0);
        }
        byte[] n = normal.toByteArray();
        byte[] e = exceptional.toByteArray();
        int normalBytes = (n.length * NORMAL_BITS + 7) / 8;
        byte[] out = new byte[4 + normalBytes + (e.length * EXCEPTION_BITS + 7) / 8];
        out[0] = (byte) algorithm;
        out[1] = (byte) (items.length >>> 16);
        out[2] = (byte) (items.length >>> 8);
        out[3] = (byte) items.length;
        pack(n, NORMAL_BITS, out, 4);
        pack(e, EXCEPTION_BITS, out, 4 + normalBytes);
        return out;
    }

    public static Decoded decompress(byte[] data) {
        if (data.length < 4) {
            throw new IllegalArgumentException("fingerprint shorter than its 4-byte header");
        }
        int algorithm = data[0] & 0xFF;
        int count = (data[1] & 0xFF) << 16 | (data[2] & 0xFF) << 8 | (data[3] & 0xFF);
        int[] normal = unpack(data, 4, data.length - 4, NORMAL_BITS, (data.length - 4) * 8 / NORMAL_BITS);
        int used = 0;
        int found = 0;
        int exceptions = 0;
        while (found < count && used < normal.length) {
            if (normal[used] == 0) {
                found++;
            } else if (normal[used] == MAX_NORMAL) {
                exceptions++;
            }
            used++;
        }
        if (found != count) {
            throw new IllegalArgumentException("fingerprint truncated: " + found + " of " + count + " items");
        }
        int offset = 4 + (used * NORMAL_BITS + 7) / 8;
        if (data.length < offset + (exceptions * EXCEPTION_BITS + 7) / 8) {
            throw new IllegalArgumentException("fingerprint truncated in its exceptional bits");
        }
        int[] extra = unpack(data, offset, data.length - offset, EXCEPTION_BITS, exceptions);
        int[] items = new int[count];
        int item = 0;
        int value = 0;
        int lastBit = 0;
        for (int i = 0, j = 0; i < used; i++) {
            int gap = normal[i];
            if (gap == 0) {
                items[item] = item > 0 ? value ^ items[item - 1] : value;
                item++;
                value = 0;
                lastBit = 0;
                continue;
            }
            if (gap == MAX_NORMAL) {
                gap += extra[j++];
            }
            lastBit += gap;
            if (lastBit > 32) {
                throw new IllegalArgumentException("corrupt fingerprint: bit " + lastBit);
            }
            value |= 1 << (lastBit - 1);
        }
        return new Decoded(algorithm, items);
    }

    /** Packs {@code bits}-bit values into {@code out} from {@code offset}, least significant bit first. */
    private static void pack(byte[] values, int bits, byte[] out, int offset) {
        long position = 0;
        for (byte v : values) {
            int value = v & ((1 << bits) - 1);
            int at = offset + (int) (position >>> 3);
            int shift = (int) (position & 7);
            out[at] |= (byte) (value << shift);
            if (shift + bits > 8) {
                out[at + 1] |= (byte) (value >>> (8 - shift));
            }
            position += bits;
        }
    }

    private static int[] unpack(byte[] data, int offset, int length, int bits, int count) {
        int[] values = new int[count];
        long position = 0;
        for (int i = 0; i < count; i++) {
            int at = (int) (position >>> 3);
            int shift = (int) (position & 7);
            int word = data[offset + at] & 0xFF;
            if (shift + bits > 8 && at + 1 < length) {
                word |= (data[offset + at + 1] & 0xFF) << 8;
            }
            values[i] = (word >>> shift) & ((1 << bits) - 1);
            position += bits;
        }
        return values;
    }
}
