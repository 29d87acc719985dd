package io.tandem.proxy.routing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.tandem.common.session.SessionKey;
import io.tandem.common.session.SessionKeys;

/**
 * Session keys that passed verification, remembered so a checkout's later calls skip the HMAC. Keyed by the whole
 * key (same text, same MAC, same answer); expiry is checked on every use; only successes are kept, so a caller
 * cannot fill it with forged keys. Cleared when full: simple, and a miss only costs one verification.
 */
final class RememberedKeys {
    /** Sessions remembered: far more than run at once on one proxy. */
    static final int DEFAULT_SIZE = 10_000;

    private final SessionKeys keys;
    private final int size;
    private final Map<String, SessionKey> verified = new ConcurrentHashMap<>();

    RememberedKeys(SessionKeys keys, int size) {
        this.keys = keys;
        this.size = size;
    }

    Optional<SessionKey> verify(String raw) {
        SessionKey known = verified.get(raw);
        if (known != null) {
            if (System.currentTimeMillis() < known.expiresAt().toEpochMilli()) {
                return Optional.of(known);
            }
            verified.remove(raw);
            return Optional.empty();
        }
        Optional<SessionKey> key = keys.verify(raw);
        if (key.isPresent() && size > 0) {
            if (verified.size() >= size) {
                verified.clear();
            }
            verified.put(raw, key.get());
        }
        return key;
    }
}
