package io.tandem.common.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.helidon.common.config.Config;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;

/**
 * What the proxy asserts about a request to a cluster, signed so a cluster can tell it from a forgery: the user id
 * (from the JWT the proxy verified), the request id and an expiry, under HMAC-SHA256 with {@code identity.secret}
 * (shared by the proxy and the clusters, like {@code session.secret}). Header value:
 * {@code v1.<expiry epoch seconds>.<base64url HMAC of "v1\n" user "\n" request id "\n" expiry>}, sent as
 * {@value #HEADER_NAME} beside {@code X-User-Id} and {@code X-Request-Id}. Whoever reaches a cluster's port
 * without the secret cannot name a user; a captured assertion names one user and one request id, for
 * {@code identity.assertion-ttl}. The one class that signs and verifies: the proxy, the clusters ({@link Identity})
 * and every test or drill client that calls a cluster directly use it.
 */
public final class IdentityAssertions {
    public static final String HEADER_NAME = "X-Identity-Assertion";
    public static final HeaderName HEADER = HeaderNames.create(HEADER_NAME);
    /** Root config key of the shared secret. */
    public static final String SECRET_KEY = "identity.secret";
    /** Root config key of an assertion's lifetime. */
    public static final String TTL_KEY = "identity.assertion-ttl";
    /** An assertion is made per request and checked a millisecond later; the margin is for clocks across hosts. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
    /** As for session keys: a shorter secret is a configuration mistake. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_CHARS = 43;          // base64url of 32 bytes, unpadded
    private static final int MAX_EXPIRY_DIGITS = 12;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Mac prototype;     // cloned per call: Mac is not thread-safe
    private final Duration ttl;
    private final Clock clock;

    IdentityAssertions(String secret, Duration ttl, Clock clock) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(SECRET_KEY + " must be set, at least " + MIN_SECRET_LENGTH + " characters");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException(TTL_KEY + " must be positive: " + ttl);
        }
        try {
            this.prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            ((Mac) prototype.clone()).doFinal();
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * From the root config ({@value #SECRET_KEY}, {@value #TTL_KEY}).
     *
     * @param root root config
     * @return signer and verifier
     * @throws IllegalArgumentException when the secret is missing or short: a process never starts open
     */
    public static IdentityAssertions create(Config root) {
        return new IdentityAssertions(root.get(SECRET_KEY).asString().orElse(null),
                root.get(TTL_KEY).as(Duration.class).orElse(DEFAULT_TTL), Clock.systemUTC());
    }

    /** With a given secret and lifetime (tests and tools). */
    public static IdentityAssertions of(String secret, Duration ttl) {
        return new IdentityAssertions(secret, ttl, Clock.systemUTC());
    }

    /**
     * Signs that this request is the given user's.
     *
     * @param userId    the verified user
     * @param requestId the request id sent with it ({@code X-Request-Id}); null or empty when none is sent
     * @return the header value
     */
    public String sign(String userId, String requestId) {
        long expiry = clock.millis() / 1000 + Math.max(1, ttl.toSeconds());
        String exp = Long.toString(expiry);
        return VERSION + '.' + exp + '.' + ENCODER.encodeToString(mac(userId, requestId, exp));
    }

    /**
     * Whether an assertion is this secret's, for this user and request id, and not expired.
     *
     * @param userId    {@code X-User-Id} as received
     * @param requestId {@code X-Request-Id} as received, or null
     * @param assertion {@value #HEADER_NAME} as received, or null
     * @return whether the user may be believed
     */
    public boolean verify(String userId, String requestId, String assertion) {
        if (userId == null || assertion == null || !assertion.startsWith(VERSION + '.')
                || assertion.length() > VERSION.length() + MAX_EXPIRY_DIGITS + MAC_CHARS + 2) {
            return false;
        }
        int dot = assertion.indexOf('.', VERSION.length() + 1);
        if (dot < 0 || assertion.length() - dot - 1 != MAC_CHARS) {
            return false;
        }
        String exp = assertion.substring(VERSION.length() + 1, dot);
        long expiry;
        try {
            expiry = exp.isEmpty() || exp.charAt(0) == '+' || exp.charAt(0) == '-' ? -1 : Long.parseLong(exp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (expiry < clock.millis() / 1000) {
            return false;
        }
        byte[] given;
        try {
            given = DECODER.decode(assertion.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(userId, requestId, exp), given);
    }

    private byte[] mac(String userId, String requestId, String expiry) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        // Newline separated: none of the parts can hold one (header values), so no two inputs sign alike.
        String signed = VERSION + '\n' + userId + '\n' + (requestId == null ? "" : requestId) + '\n' + expiry;
        return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
    }
}
