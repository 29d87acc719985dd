package io.tandem.common.idempotency;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** For unit tests only: the Redis store's rules, without expiry. *IT tests use the real Redis. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Claim claim(String key, String fingerprint) {
        if (values.putIfAbsent(key, fingerprint + "\n0\n\n") == null) {
            return new Claim.Fresh();
        }
        return Codec.decode(values.get(key), fingerprint);
    }

    @Override
    public void complete(String key, String fingerprint, StoredReply reply) {
        values.put(key, Codec.encode(fingerprint, reply));
    }

    @Override
    public void release(String key) {
        values.remove(key);
    }
}
