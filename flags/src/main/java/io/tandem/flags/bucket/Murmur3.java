package io.tandem.flags.bucket;

/**
 * MurmurHash3 x86 32-bit (Austin Appleby's public-domain algorithm) over the UTF-8 bytes of
 * {@code left + separator + right}, computed without building the string or its byte array: the per-request
 * routing decision must not allocate.
 */
public final class Murmur3 {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3() {
    }

    /** Hash of the UTF-8 bytes of {@code text}. */
    public static int hash32(CharSequence text, int seed) {
        return hash32(text, -1, "", seed);
    }

    /**
     * Hash of the UTF-8 bytes of {@code left + separator + right}, as {@code String.getBytes(UTF_8)} would encode
     * them (an unpaired surrogate becomes {@code '?'}).
     *
     * @param separator a char, or -1 for none
     */
    public static int hash32(CharSequence left, int separator, CharSequence right, int seed) {
        if (isAscii(left) && isAscii(right) && separator < 0x80) {
            return asciiHash32(left, separator, right, seed);
        }
        return utf8Hash32(left, separator, right, seed);
    }

    // Ids are nearly always ASCII: one byte per char, no encoding work.
    private static int asciiHash32(CharSequence left, int separator, CharSequence right, int seed) {
        int h = seed;
        int block = 0;
        int filled = 0;
        int leftLength = left.length();
        for (int i = 0; i < leftLength; i++) {
            block |= left.charAt(i) << (filled << 3);
            if (++filled == 4) {
                h = mixHash(h, mixBlock(block));
                block = 0;
                filled = 0;
            }
        }
        if (separator >= 0) {
            block |= separator << (filled << 3);
            if (++filled == 4) {
                h = mixHash(h, mixBlock(block));
                block = 0;
                filled = 0;
            }
        }
        int rightLength = right.length();
        for (int i = 0; i < rightLength; i++) {
            block |= right.charAt(i) << (filled << 3);
            if (++filled == 4) {
                h = mixHash(h, mixBlock(block));
                block = 0;
                filled = 0;
            }
        }
        if (filled > 0) {
            h ^= mixBlock(block);
        }
        return finish(h ^ (leftLength + (separator >= 0 ? 1 : 0) + rightLength));
    }

    private static boolean isAscii(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static int utf8Hash32(CharSequence left, int separator, CharSequence right, int seed) {
        int leftLength = left.length();
        int sepLength = separator < 0 ? 0 : 1;
        int total = leftLength + sepLength + right.length();
        int h = seed;
        int block = 0;
        int filled = 0;
        int byteCount = 0;
        for (int i = 0; i < total; i++) {
            char c = charAt(left, leftLength, separator, sepLength, right, i);
            int codePoint = c;
            if (Character.isHighSurrogate(c) && i + 1 < total) {
                char next = charAt(left, leftLength, separator, sepLength, right, i + 1);
                if (Character.isLowSurrogate(next)) {
                    codePoint = Character.toCodePoint(c, next);
                    i++;
                } else {
                    codePoint = '?';
                }
            } else if (Character.isSurrogate(c)) {
                codePoint = '?';
            }
            int encoded;
            int count;
            if (codePoint < 0x80) {
                encoded = codePoint;
                count = 1;
            } else if (codePoint < 0x800) {
                encoded = (0xC0 | codePoint >>> 6) | (0x80 | codePoint & 0x3F) << 8;
                count = 2;
            } else if (codePoint < 0x10000) {
                encoded = (0xE0 | codePoint >>> 12) | (0x80 | codePoint >>> 6 & 0x3F) << 8
                        | (0x80 | codePoint & 0x3F) << 16;
                count = 3;
            } else {
                encoded = (0xF0 | codePoint >>> 18) | (0x80 | codePoint >>> 12 & 0x3F) << 8
                        | (0x80 | codePoint >>> 6 & 0x3F) << 16 | (0x80 | codePoint & 0x3F) << 24;
                count = 4;
            }
            byteCount += count;
            for (int b = 0; b < count; b++) {
                block |= (encoded >>> (8 * b) & 0xFF) << (8 * filled);
                if (++filled == 4) {
                    h = mixHash(h, mixBlock(block));
                    block = 0;
                    filled = 0;
                }
            }
        }
        if (filled > 0) {
            h ^= mixBlock(block);
        }
        return finish(h ^ byteCount);
    }

    /** Hash of raw bytes: the reference form, used by tests to check the streaming encoder. */
    public static int hash32(byte[] data, int seed) {
        int h = seed;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int j = i * 4;
            int k = data[j] & 0xFF | (data[j + 1] & 0xFF) << 8 | (data[j + 2] & 0xFF) << 16 | (data[j + 3] & 0xFF) << 24;
            h = mixHash(h, mixBlock(k));
        }
        int tail = blocks * 4;
        int k = 0;
        switch (data.length & 3) {
        case 3:
            k ^= (data[tail + 2] & 0xFF) << 16;
        case 2:
            k ^= (data[tail + 1] & 0xFF) << 8;
        case 1:
            k ^= data[tail] & 0xFF;
            h ^= mixBlock(k);
        default:
            break;
        }
        return finish(h ^ data.length);
    }

    private static char charAt(CharSequence left, int leftLength, int separator, int sepLength, CharSequence right,
                               int i) {
        if (i < leftLength) {
            return left.charAt(i);
        }
        if (i < leftLength + sepLength) {
            return (char) separator;
        }
        return right.charAt(i - leftLength - sepLength);
    }

    private static int mixBlock(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }

    private static int mixHash(int h, int k) {
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ h >>> 16;
    }
}
