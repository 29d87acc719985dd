package io.tandem.proxy.routing;

import java.nio.charset.StandardCharsets;

/**
 * Unleash's bucketing in pure Java: {@code murmur3_x86_32(groupId + ":" + id, seed) % normalizer + 1}.
 * Stand-in until the flags module's function is on main; the same numbers as every Unleash SDK.
 */
final class Buckets {
    /** Seed Unleash uses for variant selection. */
    static final int VARIANT_SEED = 86028157;

    private Buckets() {
    }

    /** 1..normalizer for an id within a group. */
    static int normalized(String id, String groupId, int normalizer, int seed) {
        byte[] data = (groupId + ":" + id).getBytes(StandardCharsets.UTF_8);
        return (int) ((murmur3(data, seed) & 0xffffffffL) % normalizer) + 1;
    }

    static int murmur3(byte[] data, int seed) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h = seed;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8
                    | (data[4 * i + 2] & 0xff) << 16 | (data[4 * i + 3] & 0xff) << 24;
            k *= c1;
            k = Integer.rotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int k = 0;
        int tail = blocks * 4;
        switch (data.length & 3) {
            case 3:
                k ^= (data[tail + 2] & 0xff) << 16;
            case 2:
                k ^= (data[tail + 1] & 0xff) << 8;
            case 1:
                k ^= data[tail] & 0xff;
                k *= c1;
                k = Integer.rotateLeft(k, 15);
                k *= c2;
                h ^= k;
            default:
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
