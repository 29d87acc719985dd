package io.tandem.common.session;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.helidon.common.config.Config;

/**
 * Issues and verifies the signed session key that pins a checkout to the cluster that started it.
 *
 * <p>Format: {@code <cluster>.<expiry epoch seconds>.<random>.<mac>}, e.g.
 * {@code b.1767225600.3q2-7wAAAAAAAAAAAAAAAA.<43 base64url chars>}, where the MAC is HMAC-SHA256 over everything
 * before the last dot. A key is honoured only if its MAC matches (compared in constant time), it has not expired
 * and it names a known cluster: a forged, tampered, malformed or expired key is never routed on its word.
 *
 * <p>Config (node {@code session}):
 * <ul>
 *     <li>{@code secret}: the HMAC secret shared by the proxy and every cluster (required, at least
 *     {@value #MIN_SECRET_LENGTH} characters);</li>
 *     <li>{@code previous-secrets}: secrets still accepted for verification while a rotation is under way;</li>
 *     <li>{@code ttl}: how long a key is honoured, default {@link #DEFAULT_TTL};</li>
 *     <li>{@code clusters}: cluster names a key may carry, default {@link #DEFAULT_CLUSTERS}.</li>
 * </ul>
 */
public interface SessionKeys {
    /** How long a checkout session key is honoured unless config says otherwise. */
    Duration DEFAULT_TTL = Duration.ofHours(2);
    /** Clusters a key may name unless config says otherwise. */
    List<String> DEFAULT_CLUSTERS = List.of("a", "b");
    /** Shortest secret accepted: a short HMAC secret can be guessed offline from one key. */
    int MIN_SECRET_LENGTH = 16;
    /** Name of the header the client sends the key back in. */
    String HEADER = "X-Session-Key";

    /**
     * Session keys from config, with the system clock.
     *
     * @param config the {@code session} config node
     * @return session keys
     * @throws IllegalArgumentException if the secret is missing or too short
     */
    static SessionKeys create(Config config) {
        return create(config, Clock.systemUTC());
    }

    /**
     * Session keys from config, with a given clock (tests).
     *
     * @param config the {@code session} config node
     * @param clock  the clock that decides expiry
     * @return session keys
     */
    static SessionKeys create(Config config, Clock clock) {
        return HmacSessionKeys.fromConfig(config, clock);
    }

    /**
     * A new key for a session started on a cluster.
     *
     * @param cluster the cluster name, one of the configured clusters
     * @return the key, to be sent back by the client in {@link #HEADER}
     * @throws IllegalArgumentException if the cluster is not a configured one
     */
    String issue(String cluster);

    /**
     * Checks a key the client sent.
     *
     * @param raw the header value, may be {@code null}
     * @return the key if it is well formed, signed with our secret, unexpired and names a known cluster;
     *         empty otherwise
     */
    Optional<SessionKey> verify(String raw);

    /**
     * How long new keys are honoured.
     *
     * @return the time to live
     */
    Duration ttl();
}
