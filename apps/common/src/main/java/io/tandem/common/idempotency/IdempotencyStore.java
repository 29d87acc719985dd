package io.tandem.common.idempotency;


/**
 * Where first answers to writes are kept, per {@code Idempotency-Key}. On a cluster: its own Redis
 * ({@link RedisIdempotencyStore}), 24 h by default.
 */
public interface IdempotencyStore {
    /**
     * Claims the key for a request with this fingerprint, or tells what is already there.
     *
     * @param key         namespaced key
     * @param fingerprint hash of method, path and body
     * @return the claim outcome
     */
    Claim claim(String key, String fingerprint);

    /** Stores the first answer for a claimed key. */
    void complete(String key, String fingerprint, StoredReply reply);

    /** Releases a claim whose request failed in a way worth retrying (5xx), so a retry runs again. */
    void release(String key);

    /** What {@link #claim} found. */
    sealed interface Claim {
        /** The key was free: run the request, then {@link #complete}. */
        record Fresh() implements Claim {
        }

        /** Same key, same request, answered before: replay. */
        record Replay(StoredReply reply) implements Claim {
        }

        /** Same key, same request, still running. */
        record InProgress() implements Claim {
        }

        /** Same key, another request: 409. */
        record Clash() implements Claim {
        }
    }

    /**
     * A first answer, as sent.
     *
     * @param status HTTP status code
     * @param body   JSON text or empty
     * @param headers extra headers, {@code name: value} per line
     */
    record StoredReply(int status, String body, String headers) {
    }

}
