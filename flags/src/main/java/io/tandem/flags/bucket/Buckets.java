package io.tandem.flags.bucket;

/**
 * Unleash's normalisation: {@code murmur3_x86_32(groupId + ":" + id, seed) % modulus + 1}, the hash unsigned.
 * Rollouts use seed 0 over 100 (buckets 1..100); variants use seed 86028157 over the sum of their weights.
 */
public final class Buckets {
    /** Seed of the rollout hash (gradual and flexible rollout). */
    public static final int ROLLOUT_SEED = 0;
    /** Rollout buckets are 1..100. */
    public static final int ROLLOUT_MODULUS = 100;
    /** Seed of the variant hash, so a user's variant does not follow their rollout bucket. */
    public static final int VARIANT_SEED = 86028157;

    private Buckets() {
    }

    /** {@code murmur3(groupId:id, seed) % modulus + 1}, in 1..modulus. */
    public static int normalizedHash(CharSequence groupId, CharSequence id, int modulus, int seed) {
        return Integer.remainderUnsigned(Murmur3.hash32(groupId, ':', id, seed), modulus) + 1;
    }

    /** The user's rollout bucket for a group (a flag name or a strategy's groupId), in 1..100. */
    public static int rolloutBucket(CharSequence groupId, CharSequence id) {
        return normalizedHash(groupId, id, ROLLOUT_MODULUS, ROLLOUT_SEED);
    }

    /** Whether {@code id} falls in a rollout of {@code percentage} (0..100) of group {@code groupId}. */
    public static boolean inRollout(int percentage, CharSequence groupId, CharSequence id) {
        return percentage > 0 && rolloutBucket(groupId, id) <= percentage;
    }

    /** The variant target of {@code id} in 1..totalWeight. */
    public static int variantTarget(CharSequence groupId, CharSequence id, int totalWeight) {
        return normalizedHash(groupId, id, totalWeight, VARIANT_SEED);
    }
}
