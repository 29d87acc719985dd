package io.tandem.common.idempotency;

import io.tandem.common.idempotency.IdempotencyStore.Claim;
import io.tandem.common.idempotency.IdempotencyStore.StoredReply;

/** The stored form of a claim or a first answer; shared by every store so that they agree on it. */
final class Codec {
    private Codec() {
    }

    static String encode(String fingerprint, StoredReply reply) {
        return fingerprint + "\n" + reply.status() + "\n" + reply.headers() + "\n" + reply.body();
    }

    /** Null (expired between claim and read) counts as in progress: the client retries and claims it. */
    static Claim decode(String stored, String fingerprint) {
        if (stored == null) {
            return new Claim.InProgress();
        }
        String[] parts = stored.split("\n", 4);
        if (parts.length < 4 || !parts[0].equals(fingerprint)) {
            return new Claim.Clash();
        }
        int status = Integer.parseInt(parts[1]);
        if (status == 0) {
            return new Claim.InProgress();
        }
        return new Claim.Replay(new StoredReply(status, parts[3], parts[2]));
    }
}
